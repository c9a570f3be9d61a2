using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Slack;

/// <summary>The Slack endpoints over real HTTP (Kestrel on loopback), with the fake Slack Web API behind the bot.</summary>
public sealed class SlackEndpointsTests : IAsyncLifetime
{
    private const string Secret = AppFixture.SigningSecret;
    private AppFixture _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await new AppFixture().With("OpenAI:ApiKey", string.Empty).StartAsync();
        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public void Endpoint_IsServedOverRealHttpOnLoopback()
    {
        Assert.Equal("127.0.0.1", _client.BaseAddress!.Host);
        Assert.NotEqual(80, _client.BaseAddress.Port);
    }

    [Fact]
    public async Task UrlVerification_Signed_AnswersTheChallenge()
    {
        using var request = SlackRequests.SignedPost("/slack/events", """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json", Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Request_SignedWithAnotherSecret_Gets401WithAnEmptyBody()
    {
        using var request = SlackRequests.SignedPost("/slack/events", """{"challenge":"x","type":"url_verification"}""", "application/json", "not-our-secret");

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Request_ReplayedTenMinutesLater_Gets401()
    {
        var old = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
        using var request = SlackRequests.SignedPost("/slack/events", """{"challenge":"x","type":"url_verification"}""", "application/json", Secret, old);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutSignatureHeaders_Gets401()
    {
        using var content = new StringContent("""{"challenge":"x","type":"url_verification"}""", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(new Uri("/slack/events", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/events", "{not json", "application/json")]
    [InlineData("/slack/events", "[1,2,3]", "application/json")]
    [InlineData("/slack/events", "{}", "application/json")]
    [InlineData("/slack/interactions", "nothing=here", "application/x-www-form-urlencoded")]
    [InlineData("/slack/interactions", "payload=%7Bbroken", "application/x-www-form-urlencoded")]
    [InlineData("/slack/commands", "text=help", "application/x-www-form-urlencoded")]
    public async Task MalformedButSignedRequest_Gets400NotA500(string path, string body, string contentType)
    {
        using var request = SlackRequests.SignedPost(path, body, contentType, Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("/slack/events", "application/x-www-form-urlencoded")]
    [InlineData("/slack/events", "text/plain")]
    [InlineData("/slack/commands", "application/json")]
    [InlineData("/slack/interactions", "application/json")]
    public async Task WrongContentType_Gets415(string path, string contentType)
    {
        using var request = SlackRequests.SignedPost(path, "{}", contentType, Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var huge = "{\"type\":\"event_callback\",\"pad\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        using var request = SlackRequests.SignedPost("/slack/events", huge, "application/json", Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SslCheck_Unsigned_Gets200AndDoesNothing()
    {
        using var content = new StringContent("ssl_check=1&token=abc", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await _client.PostAsync(new Uri("/slack/commands", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AppMention_IsAcknowledgedAndTriagedInItsThreadWithAnEyesReaction()
    {
        var thread = SlackRequests.NextTs();
        var mention = SlackRequests.NextTs();
        _app.Slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        _app.Slack.AddMessage(SlackRequests.Channel, mention, $"<@{_app.Slack.BotUserId}> can you look?", user: SlackRequests.Engineer, threadTs: thread);
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(_app.Slack.BotUserId, mention, thread)), Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var post = await _app.Slack.WaitForCallAsync("chat.postMessage", timeout: TimeSpan.FromSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
        var answer = await _app.Slack.WaitForAnswerAsync();
        var reaction = await _app.Slack.WaitForCallAsync("reactions.add", timeout: TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(thread, post.Argument("thread_ts"));
        Assert.Contains(SampleShop.CartServicePath, answer.Argument("text"), StringComparison.Ordinal);
        Assert.Single(_app.Slack.Calls("chat.postMessage"));
        Assert.Equal("eyes", reaction.Argument("name"));
        Assert.Equal(mention, reaction.Argument("timestamp"));
    }

    [Fact]
    public async Task SameDelivery_RetriedBySlack_YieldsOneTriage()
    {
        var mention = SlackRequests.NextTs();
        var envelope = SlackRequests.Envelope(SlackRequests.AppMention(_app.Slack.BotUserId, mention));

        foreach (var retry in new int?[] { null, 1, 2 })
        {
            using var request = SlackRequests.Event(envelope, Secret, retry);
            using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(1, await TriagesAsync());
    }

    [Fact]
    public async Task RetryWhoseFirstAttemptNeverArrived_IsProcessed()
    {
        var mention = SlackRequests.NextTs();
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(_app.Slack.BotUserId, mention)), Secret, retryNum: 2);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await TriagesAsync());
    }

    [Fact]
    public async Task MentionArrivingAsAppMentionAndAsMessage_YieldsOneTriage()
    {
        var mention = SlackRequests.NextTs();
        var text = $"<@{_app.Slack.BotUserId}> please look";
        using var first = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(_app.Slack.BotUserId, mention, text: "please look")), Secret);
        using var second = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.Message(mention, text)), Secret);

        using var a = await _client.SendAsync(first, TestContext.Current.CancellationToken);
        using var b = await _client.SendAsync(second, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(1, await TriagesAsync());
    }

    [Fact]
    public async Task MessagesFromOurBotOrAnotherBot_AreIgnored()
    {
        var ours = SlackRequests.Message(SlackRequests.NextTs(), $"<@{_app.Slack.BotUserId}> done", user: _app.Slack.BotUserId);
        ours["bot_id"] = _app.Slack.BotId;
        var other = SlackRequests.AppMention(_app.Slack.BotUserId, SlackRequests.NextTs(), user: "U0OTHERBOT");
        other["bot_id"] = "B0OTHER";

        foreach (var evt in new[] { ours, other })
        {
            using var request = SlackRequests.Event(SlackRequests.Envelope(evt), Secret);
            using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, await TriagesAsync());
    }

    [Fact]
    public async Task PlainMessageWithoutMention_IsIgnored_ButEditingAMentionIntoItStartsATriage()
    {
        var ts = SlackRequests.NextTs();
        using var plain = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.Message(ts, "checkout is broken")), Secret);
        using var plainResponse = await _client.SendAsync(plain, TestContext.Current.CancellationToken);
        Assert.Equal(0, await TriagesAsync());

        var edit = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "message",
            ["subtype"] = "message_changed",
            ["channel"] = SlackRequests.Channel,
            ["channel_type"] = "channel",
            ["hidden"] = true,
            ["ts"] = SlackRequests.NextTs(),
            ["message"] = SlackRequests.Message(ts, $"checkout is broken <@{_app.Slack.BotUserId}>"),
            ["previous_message"] = SlackRequests.Message(ts, "checkout is broken"),
        };
        using var edited = SlackRequests.Event(SlackRequests.Envelope(edit), Secret);
        using var response = await _client.SendAsync(edited, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await TriagesAsync());
    }

    [Fact]
    public async Task DirectMessageToTheBot_IsARequestEvenWithoutMention()
    {
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.Message(SlackRequests.NextTs(), "checkout crashes", channelType: "im")), Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await TriagesAsync());
    }

    [Fact]
    public async Task SlashCommandHelp_AnswersEphemerallyWithTheUsage()
    {
        using var request = SlackRequests.Command("help", Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("ephemeral", json.RootElement.GetProperty("response_type").GetString());
        Assert.Contains("/triage help", json.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickOnAnElementNobodyOwns_Gets200AndIsIgnored()
    {
        using var request = SlackRequests.BlockAction("no_such_action", "x", Secret);

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WhenStorageIsDown_EventGets503WithoutNoRetry_AndTheRetryLaterSucceeds()
    {
        // Its own app without job workers, so no background connection keeps the moved database file open.
        await using var app = await new AppFixture().With("OpenAI:ApiKey", string.Empty).With("Jobs:Workers", "0").StartAsync();
        using var client = app.CreateClient();
        var envelope = SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, SlackRequests.NextTs()));

        await using (await TestDatabase.OutageAsync(app.Data, app.Data.Combine("data")))
        {
            using var request = SlackRequests.Event(envelope, Secret);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.False(response.Headers.Contains("X-Slack-No-Retry"));
        }

        using var retry = SlackRequests.Event(envelope, Secret, retryNum: 1);
        using var retried = await client.SendAsync(retry, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await using var db = app.Db();
        Assert.Single(await QueuedMentions.ReadAsync(db, TestContext.Current.CancellationToken));
    }

    private async Task<int> TriagesAsync()
    {
        await using var db = _app.Db();
        return (await QueuedMentions.ReadAsync(db, TestContext.Current.CancellationToken)).DistinctBy(m => (m.Channel, m.MentionTs)).Count();
    }
}
