using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChatTriageBot.Tests.Infrastructure;

public sealed class FakeSlackServerTests : IAsyncLifetime
{
    private readonly FakeSlackServer slack = new();
    private HttpClient http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await slack.StartAsync(Ct);
        http = new HttpClient { BaseAddress = slack.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await slack.DisposeAsync();
    }

    [Fact]
    public void BaseUrl_AfterStart_IsLoopbackApiRoot()
    {
        Assert.Equal("127.0.0.1", slack.BaseUrl.Host);
        Assert.EndsWith("/api/", slack.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_FormBody_ReturnsOkWithFreshTsAndRecordsArguments()
    {
        var first = await PostFormAsync("chat.postMessage", ("channel", "C1"), ("text", "hello world"), ("thread_ts", "1.000001"));
        var second = await PostFormAsync("chat.postMessage", ("channel", "C1"), ("text", "again"));

        Assert.True(first.GetProperty("ok").GetBoolean());
        Assert.Equal("C1", first.GetProperty("channel").GetString());
        Assert.Equal("1700000000.000100", first.GetProperty("ts").GetString());
        Assert.Equal("hello world", first.GetProperty("message").GetProperty("text").GetString());
        Assert.NotEqual(first.GetProperty("ts").GetString(), second.GetProperty("ts").GetString());
        var calls = slack.Calls("chat.postMessage");
        Assert.Equal(2, calls.Count);
        Assert.True(calls[0].IsFormBody);
        Assert.Equal("hello world", calls[0].Arguments["text"]);
        Assert.Equal("1.000001", calls[0].Argument("thread_ts"));
        Assert.Equal($"Bearer {slack.BotToken}", calls[0].Authorization);
    }

    [Fact]
    public async Task PostMessage_JsonBody_ExposesJsonAndFlattenedArguments()
    {
        using var content = new StringContent(
            """{"channel":"C2","text":"fallback","unfurl_links":false,"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}}]}""",
            Encoding.UTF8,
            "application/json");
        using var response = await http.PostAsync("chat.postMessage", content, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal("section", body.GetProperty("message").GetProperty("blocks")[0].GetProperty("type").GetString());
        var call = Assert.Single(slack.Calls("chat.postMessage"));
        Assert.True(call.IsJsonBody);
        Assert.Equal("C2", call.Arguments["channel"]);
        Assert.Equal("false", call.Arguments["unfurl_links"]);
        Assert.Equal(JsonValueKind.Array, call.Json!.Value.GetProperty("blocks").ValueKind);
    }

    [Fact]
    public async Task Call_WithWrongOrMissingToken_ReturnsInvalidAuthOrNotAuthed()
    {
        using var wrong = new HttpClient { BaseAddress = slack.BaseUrl };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "xoxb-wrong");
        using var missing = new HttpClient { BaseAddress = slack.BaseUrl };

        var invalid = await ReadAsync(await wrong.PostAsync("auth.test", null, Ct));
        var notAuthed = await ReadAsync(await missing.PostAsync("auth.test", null, Ct));

        Assert.False(invalid.GetProperty("ok").GetBoolean());
        Assert.Equal("invalid_auth", invalid.GetProperty("error").GetString());
        Assert.Equal("not_authed", notAuthed.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AuthTest_WithBotToken_ReturnsConfiguredIdentity()
    {
        slack.BotUserId = "U123";

        var body = await PostFormAsync("auth.test");

        Assert.Equal("U123", body.GetProperty("user_id").GetString());
        Assert.Equal(slack.BotId, body.GetProperty("bot_id").GetString());
        Assert.Equal(slack.TeamId, body.GetProperty("team_id").GetString());
    }

    [Fact]
    public async Task RespondWithError_ScriptedOnce_FailsOnceThenDefaultApplies()
    {
        slack.RespondWithError("chat.postMessage", "channel_not_found");

        var failed = await PostFormAsync("chat.postMessage", ("channel", "C1"), ("text", "x"));
        var succeeded = await PostFormAsync("chat.postMessage", ("channel", "C1"), ("text", "x"));

        Assert.Equal("channel_not_found", failed.GetProperty("error").GetString());
        Assert.True(succeeded.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task RespondRateLimited_Scripted_Returns429WithRetryAfterAndRatelimitedError()
    {
        slack.RespondRateLimited("chat.update", retryAfterSeconds: 7);

        using var response = await http.PostAsync("chat.update", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("ratelimited", (await ReadAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task RespondSlowly_Scripted_DelaysThenAnswersNormally()
    {
        slack.RespondSlowly("auth.test", TimeSpan.FromMilliseconds(300));
        var stopwatch = Stopwatch.StartNew();

        var body = await PostFormAsync("auth.test");

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {stopwatch.ElapsedMilliseconds} ms");
        Assert.True(body.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Replies_SeededThreadAndPostedReply_ServesParentFirst()
    {
        slack.AddMessage("C1", "1700000000.000001", "parent", user: "U1");
        slack.AddMessage("C1", "1700000000.000002", "first reply", user: "U2", threadTs: "1700000000.000001");
        await PostFormAsync("chat.postMessage", ("channel", "C1"), ("text", "bot reply"), ("thread_ts", "1700000000.000001"));

        var replies = await PostFormAsync("conversations.replies", ("channel", "C1"), ("ts", "1700000000.000001"));
        var history = await PostFormAsync("conversations.history", ("channel", "C1"));

        var texts = replies.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToArray();
        Assert.Equal(["parent", "first reply", "bot reply"], texts);
        Assert.Equal(string.Empty, replies.GetProperty("response_metadata").GetProperty("next_cursor").GetString());
        Assert.Equal("parent", Assert.Single(history.GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task UsersInfo_SeededAndUnknownUser_ReturnsUserOrUserNotFound()
    {
        slack.AddUser("U42", "ada", "Ada Lovelace");

        var found = await PostFormAsync("users.info", ("user", "U42"));
        var missing = await PostFormAsync("users.info", ("user", "U404"));

        Assert.Equal("Ada Lovelace", found.GetProperty("user").GetProperty("real_name").GetString());
        Assert.Equal("user_not_found", missing.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UploadFlow_ThreeSteps_RecordsBytesAndCompletion()
    {
        var bytes = Encoding.UTF8.GetBytes("stack trace ...");
        var url = await PostFormAsync("files.getUploadURLExternal", ("filename", "trace.txt"), ("length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var fileId = url.GetProperty("file_id").GetString()!;
        using (var upload = await http.PostAsync(url.GetProperty("upload_url").GetString(), new ByteArrayContent(bytes), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        }

        var complete = await PostFormAsync(
            "files.completeUploadExternal",
            ("files", $$"""[{"id":"{{fileId}}","title":"Trace"}]"""),
            ("channel_id", "C1"),
            ("thread_ts", "1.2"));

        Assert.True(complete.GetProperty("ok").GetBoolean());
        var recorded = slack.Upload(fileId)!;
        Assert.Equal(bytes, recorded.Bytes!.Value.ToArray());
        Assert.True(recorded.Completed);
        Assert.Equal(("Trace", "C1", "1.2"), (recorded.Title, recorded.ChannelId, recorded.ThreadTs));
    }

    [Fact]
    public async Task AppsConnectionsOpen_WithAppToken_ReturnsSocketUrlOnThisServer()
    {
        using var app = new HttpClient { BaseAddress = slack.BaseUrl };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", slack.AppToken);

        var opened = await ReadAsync(await app.PostAsync("apps.connections.open", null, Ct));
        var withBotToken = await PostFormAsync("apps.connections.open");

        Assert.Equal($"ws://{slack.BaseAddress.Authority}/socket?ticket=1", opened.GetProperty("url").GetString());
        Assert.Equal("not_allowed_token_type", withBotToken.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WaitForCallAsync_CallArrivesLater_ReturnsIt()
    {
        var waiting = slack.WaitForCallAsync("reactions.add", c => c.Argument("name") == "eyes", cancellationToken: Ct);
        Assert.False(waiting.IsCompleted);

        await PostFormAsync("reactions.add", ("channel", "C1"), ("timestamp", "1.2"), ("name", "eyes"));

        Assert.Equal("C1", (await waiting).Arguments["channel"]);
    }

    [Fact]
    public async Task WaitForRequestAsync_NothingMatches_ThrowsTimeoutListingRequests()
    {
        await PostFormAsync("auth.test");

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => slack.WaitForRequestAsync(r => r.Path.EndsWith("chat.update", StringComparison.Ordinal), TimeSpan.FromMilliseconds(50), Ct));

        Assert.Contains("POST /api/auth.test", error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        }
    }

    private async Task<JsonElement> PostFormAsync(string method, params (string Name, string Value)[] arguments)
    {
        using var content = new FormUrlEncodedContent(arguments.Select(a => KeyValuePair.Create(a.Name, a.Value)));
        return await ReadAsync(await http.PostAsync(method, content, Ct));
    }
}
