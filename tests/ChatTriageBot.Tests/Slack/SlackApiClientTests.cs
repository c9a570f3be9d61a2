using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ChatTriageBot.Slack;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatTriageBot.Tests.Slack;

public sealed class SlackApiClientTests : IAsyncLifetime
{
    private const string PostMessage = "chat.postMessage";
    private const string SupportChannel = "C0SUPPORT";
    private const string ParentTs = "1700000000.000100";

    private static readonly TimeSpan GuardTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeSlackServer _fake = new();
    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _fake.StartAsync(Token);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task PostMessageAsync_ThreadReply_SendsUtf8JsonWithTheBotTokenAndReturnsTheTs()
    {
        var client = CreateClient();

        var posted = await client.PostMessageAsync(new OutgoingMessage(SupportChannel, "Grüße ✓ — diagnosis ready") { ThreadTs = ParentTs }, Token);

        var call = Assert.Single(_fake.Calls(PostMessage));
        Assert.Equal("application/json; charset=utf-8", call.Request.ContentType);
        Assert.Equal($"Bearer {_fake.BotToken}", call.Authorization);
        var json = call.Json!.Value;
        Assert.Equal(SupportChannel, json.GetProperty("channel").GetString());
        Assert.Equal("Grüße ✓ — diagnosis ready", json.GetProperty("text").GetString());
        Assert.Equal(ParentTs, json.GetProperty("thread_ts").GetString());
        Assert.Equal(JsonValueKind.False, json.GetProperty("unfurl_links").ValueKind);
        Assert.Equal(JsonValueKind.False, json.GetProperty("unfurl_media").ValueKind);
        var stored = Assert.Single(_fake.Messages(SupportChannel));
        Assert.Equal(new PostedMessage(SupportChannel, stored["ts"]!.GetValue<string>()), posted);
        Assert.Equal("Grüße ✓ — diagnosis ready", stored["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessageAsync_UnfurlLinksAndNoThread_SendsUnfurlTrueAndNoThreadTs()
    {
        var client = CreateClient();

        await client.PostMessageAsync(new OutgoingMessage(SupportChannel, "see https://example.com") { UnfurlLinks = true }, Token);

        var json = Assert.Single(_fake.Calls(PostMessage)).Json!.Value;
        Assert.Equal(JsonValueKind.True, json.GetProperty("unfurl_links").ValueKind);
        Assert.False(json.TryGetProperty("thread_ts", out _));
    }

    [Fact]
    public async Task PostMessageAsync_SlackAnswersOkFalse_ThrowsWithSlacksErrorAndDoesNotRepeatThePost()
    {
        _fake.RespondWithError(PostMessage, "channel_not_found");
        var client = CreateClient();

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(new OutgoingMessage("C0GONE", "hello"), Token));

        Assert.Equal("channel_not_found", exception.Error);
        Assert.Equal(PostMessage, exception.Method);
        Assert.False(exception.IsFatal);
        Assert.Single(_fake.Calls(PostMessage));
        Assert.Empty(_fake.Messages("C0GONE"));
    }

    [Fact]
    public async Task PostMessageAsync_ServerError_ThrowsAndDoesNotRepeatThePost()
    {
        _fake.RespondServerError(PostMessage);
        var client = CreateClient();

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token));

        Assert.Equal("http_500", exception.Error);
        Assert.Single(_fake.Calls(PostMessage));
        Assert.Empty(_fake.Messages(SupportChannel));
    }

    [Fact]
    public async Task PostMessageAsync_RateLimitedOnce_WaitsRetryAfterThenPostsOnce()
    {
        var time = new TimerSignallingTimeProvider();
        _fake.RespondRateLimited(PostMessage, retryAfterSeconds: 2);
        var client = CreateClient(time);

        var posting = client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token);
        await time.WaitForTimerAsync(Token);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(posting.IsCompleted, "the post was retried before Retry-After had passed");
        Assert.Single(_fake.Calls(PostMessage));

        time.Advance(TimeSpan.FromSeconds(1));
        var posted = await posting.WaitAsync(GuardTimeout, Token);

        Assert.Equal(2, _fake.Calls(PostMessage).Count);
        Assert.Equal(posted.Ts, Assert.Single(_fake.Messages(SupportChannel))["ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostMessageAsync_HugeRetryAfter_WaitsAtMostOneMinute()
    {
        var time = new TimerSignallingTimeProvider();
        _fake.RespondRateLimited(PostMessage, retryAfterSeconds: 3600);
        var client = CreateClient(time);

        var posting = client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token);
        await time.WaitForTimerAsync(Token);
        time.Advance(TimeSpan.FromMinutes(1));
        await posting.WaitAsync(GuardTimeout, Token);

        Assert.Equal(2, _fake.Calls(PostMessage).Count);
    }

    [Fact]
    public async Task PostMessageAsync_RateLimitedMoreThanTheRetries_ThrowsRatelimitedAfterTheLastRetry()
    {
        var time = new TimerSignallingTimeProvider();
        _fake.RespondRateLimited(PostMessage, retryAfterSeconds: 1, times: SlackApiClient.MaxRateLimitRetries + 1);
        var client = CreateClient(time);

        var posting = client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token);
        for (var retry = 0; retry < SlackApiClient.MaxRateLimitRetries; retry++)
        {
            await time.WaitForTimerAsync(Token);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => posting.WaitAsync(GuardTimeout, Token));

        Assert.Equal("ratelimited", exception.Error);
        Assert.Equal(SlackApiClient.MaxRateLimitRetries + 1, _fake.Calls(PostMessage).Count);
        Assert.Empty(_fake.Messages(SupportChannel));
    }

    [Fact]
    public async Task PostMessageAsync_RevokedBotToken_ThrowsInvalidAuthAsFatal()
    {
        var client = CreateClient(botToken: "xoxb-revoked");

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token));

        Assert.Equal("invalid_auth", exception.Error);
        Assert.True(exception.IsFatal);
        Assert.Single(_fake.Calls(PostMessage));
    }

    [Fact]
    public async Task PostMessageAsync_NoBotTokenConfigured_ThrowsNotAuthedAsFatalWithoutCallingSlack()
    {
        var client = CreateClient(botToken: string.Empty);

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync(new OutgoingMessage(SupportChannel, "hello"), Token));

        Assert.Equal("not_authed", exception.Error);
        Assert.True(exception.IsFatal);
        Assert.Empty(_fake.AllCalls());
    }

    [Fact]
    public async Task AddReactionAsync_AlreadyReacted_IsTreatedAsSuccess()
    {
        var client = CreateClient();

        await client.AddReactionAsync(SupportChannel, ParentTs, ":eyes:", Token);
        await client.AddReactionAsync(SupportChannel, ParentTs, "eyes", Token);

        var calls = _fake.Calls("reactions.add");
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal("eyes", c.Argument("name")));
        Assert.Equal(ParentTs, calls[0].Argument("timestamp"));
    }

    [Fact]
    public async Task AddReactionAsync_OtherError_IsThrown()
    {
        _fake.RespondWithError("reactions.add", "too_many_reactions");
        var client = CreateClient();

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.AddReactionAsync(SupportChannel, ParentTs, "eyes", Token));

        Assert.Equal("too_many_reactions", exception.Error);
    }

    [Fact]
    public async Task GetRepliesAsync_ShortThread_ReturnsTheParentFirstWithEveryTsKeptAsAString()
    {
        _fake.AddMessage(SupportChannel, "1700000050.000000", "unrelated message");
        _fake.AddMessage(SupportChannel, "1700000002.000200", "second reply", user: "U0B", threadTs: ParentTs);
        _fake.AddMessage(SupportChannel, ParentTs, "Checkout crashes with NullReferenceException", user: "U0A", threadTs: ParentTs);
        _fake.AddMessage(SupportChannel, "1700000001.000010", "first reply", user: "U0C", threadTs: ParentTs);
        var client = CreateClient();

        var thread = await client.GetRepliesAsync(SupportChannel, ParentTs, cancellationToken: Token);

        Assert.Equal([ParentTs, "1700000001.000010", "1700000002.000200"], thread.Select(m => m.Ts));
        Assert.Equal(["U0A", "U0C", "U0B"], thread.Select(m => m.User));
        Assert.Equal("Checkout crashes with NullReferenceException", thread[0].Text);
        Assert.All(thread, m => Assert.Equal(ParentTs, m.ThreadTs));
        var call = Assert.Single(_fake.Calls("conversations.replies"));
        Assert.True(call.IsFormBody);
        Assert.Equal(ParentTs, call.Argument("ts"));
    }

    [Fact]
    public async Task GetRepliesAsync_ThreadLongerThanAPage_ReadsEveryPageInOrder()
    {
        _fake.AddMessage(SupportChannel, ParentTs, "parent", threadTs: ParentTs);
        var replies = Enumerable.Range(1, 250)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"1700001{i:D3}.{i * 100:D6}"))
            .ToList();
        foreach (var ts in replies)
        {
            _fake.AddMessage(SupportChannel, ts, "reply " + ts, threadTs: ParentTs);
        }

        var client = CreateClient();

        var thread = await client.GetRepliesAsync(SupportChannel, ParentTs, limit: 1000, cancellationToken: Token);

        Assert.Equal([ParentTs, .. replies], thread.Select(m => m.Ts));
        Assert.Equal("1700001250.025000", thread[^1].Ts);
        var calls = _fake.Calls("conversations.replies");
        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0].Argument("cursor"));
        Assert.Equal("200", calls[1].Argument("cursor"));
    }

    [Fact]
    public async Task UploadFileAsync_IntoAThread_GetsAnUrlUploadsTheExactBytesThenCompletesIntoTheThread()
    {
        var content = Encoding.UTF8.GetBytes("# Triage\nGrüße ✓\n").Concat(new byte[] { 0x00, 0xFF, 0x10 }).ToArray();
        var client = CreateClient();

        var fileId = await client.UploadFileAsync(SupportChannel, ParentTs, "triage.md", content, title: "Triage report", cancellationToken: Token);

        Assert.Equal(
            ["/api/files.getUploadURLExternal", FakeSlackServer.UploadPath + fileId, "/api/files.completeUploadExternal"],
            _fake.Requests.Select(r => r.Path));
        var upload = _fake.Upload(fileId);
        Assert.NotNull(upload);
        Assert.Equal(content, upload.Bytes!.Value.ToArray());
        Assert.Equal(content.Length, upload.Length);
        Assert.Equal("triage.md", upload.Filename);
        Assert.True(upload.Completed);
        Assert.Equal(SupportChannel, upload.ChannelId);
        Assert.Equal(ParentTs, upload.ThreadTs);
        Assert.Equal("Triage report", upload.Title);
        var complete = Assert.Single(_fake.Calls("files.completeUploadExternal"));
        Assert.Equal(SupportChannel, complete.Argument("channel_id"));
        Assert.Equal(ParentTs, complete.Argument("thread_ts"));
    }

    [Fact]
    public async Task OpenConnectionAsync_WithTheAppToken_ReturnsTheSocketUrl()
    {
        var client = CreateClient();

        var url = await client.OpenConnectionAsync(Token);

        Assert.Equal("ws", url.Scheme);
        Assert.Equal(FakeSlackServer.SocketPath, url.AbsolutePath);
        Assert.Equal(_fake.AppToken, Assert.Single(_fake.Calls("apps.connections.open")).Token);
    }

    [Fact]
    public async Task OpenConnectionAsync_BotTokenConfiguredAsAppToken_IsRefusedAsFatal()
    {
        var client = CreateClient(appToken: _fake.BotToken);

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.OpenConnectionAsync(Token));

        Assert.Equal("not_allowed_token_type", exception.Error);
        Assert.True(exception.IsFatal);
    }

    [Fact]
    public async Task GetPermalinkAsync_OkWithoutThePermalink_FailsNamingTheMethodAndTheField()
    {
        _fake.Handle("chat.getPermalink", _ => new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["channel"] = SupportChannel });
        var client = CreateClient();

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.GetPermalinkAsync(SupportChannel, ParentTs, Token));

        Assert.Equal("chat.getPermalink", exception.Method);
        Assert.Equal("invalid_response", exception.Error);
        Assert.Contains("chat.getPermalink", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'permalink'", exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
        Assert.Single(_fake.Calls("chat.getPermalink"));
    }

    [Fact]
    public async Task GetRepliesAsync_OkWithMessagesOfTheWrongType_FailsNamingTheMethodAndTheField()
    {
        _fake.Handle("conversations.replies", _ => new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["messages"] = "none" });
        var client = CreateClient();

        var exception = await Assert.ThrowsAsync<SlackApiException>(() => client.GetRepliesAsync(SupportChannel, ParentTs, cancellationToken: Token));

        Assert.Equal("conversations.replies", exception.Method);
        Assert.Contains("'messages'", exception.Message, StringComparison.Ordinal);
    }

    private static readonly SlackMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private SlackApiClient CreateClient(TimeProvider? time = null, string? botToken = null, string? appToken = null) =>
        new(
            _http,
            Options.Create(new SlackOptions
            {
                BotToken = botToken ?? _fake.BotToken,
                AppToken = appToken ?? _fake.AppToken,
                ApiBaseUrl = _fake.BaseUrl,
            }),
            Metrics,
            time ?? TimeProvider.System,
            NullLogger<SlackApiClient>.Instance);

    /// <summary>A fake clock that reports each timer created, so a test advances time only once the client is waiting.</summary>
    private sealed class TimerSignallingTimeProvider : FakeTimeProvider
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        public async Task WaitForTimerAsync(CancellationToken cancellationToken)
        {
            // Not a sleep: returns as soon as the client creates its timer, and fails the test if it never does.
            await _timers.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(GuardTimeout, cancellationToken);
        }
    }
}
