using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Fixes;

/// <summary>
/// The steps a person takes from a diagnosis to a pull request, through the real app: the sample shop hosted on the
/// fake GitHub as <c>acme/shop</c>, the engineer allowed to generate fixes and open pull requests.
/// </summary>
internal static class FixFlow
{
    public const string Owner = "acme";
    public const string Repo = "shop";
    public const string WebhookSecret = "whsec-test-1234";

    /// <summary>One edit that fixes the sample shop's bug (a line added and a line removed).</summary>
    public const string FixJson = """
        {
          "summary": "Treat a missing discount as 0 percent in CartService.Total.",
          "edits": [
            { "path": "src/Shop/Checkout/CartService.cs", "find": "        var percent = cart.Discount!.Percent;", "replace": "        var percent = cart.Discount?.Percent ?? 0m;", "why": "no discount means no reduction" }
          ],
          "test_plan": "Add a test: Total of an empty cart without a discount is 0.",
          "risk": "low"
        }
        """;

    public const string FixedLine = "        var percent = cart.Discount?.Percent ?? 0m;";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<AppFixture> StartHostedAsync(params (string Key, string Value)[] settings)
    {
        var app = new AppFixture { HostedOnGitHub = true };
        app.With("Access:GenerateFix:0", SlackRequests.Engineer)
            .With("Access:OpenPullRequest:0", SlackRequests.Engineer)
            .With("Jobs:RetryBaseSeconds", "1")
            .With("Fixes:PullRequestPollMinutes", "0")
            .With("GitHub:WebhookSecret", WebhookSecret);
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>A diagnosis in a thread, then <b>Generate fix</b>: returns the thread and the fix message once its checks are shown.</summary>
    public static async Task<(string Thread, SlackCall Fix)> ProposeFixAsync(AppFixture app, string? diagnosis = null, string fix = FixJson, string report = SampleShop.CustomerReport)
    {
        app.OpenAI.EnqueueCompletion(diagnosis ?? SampleShop.DiagnosisJson());
        var (thread, _) = await app.MentionAsync(report, "why?");
        var answer = await app.Slack.WaitForAnswerAsync();
        await app.WaitForStatusAsync(TriageStatus.Completed);
        app.OpenAI.EnqueueCompletion(fix, promptTokens: 1800, completionTokens: 250);
        await ClickButtonAsync(app, answer, FixActions.GenerateFix);
        var message = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains("Proposed fix", StringComparison.Ordinal) || c.Shown().Contains("No change could be made", StringComparison.Ordinal));
        return (thread, message);
    }

    /// <summary>The first update of the fix message after <paramref name="after"/> that shows <paramref name="text"/>.</summary>
    public static Task<SlackCall> WaitForFixMessageAsync(AppFixture app, string text, SlackCall? after = null) =>
        app.Slack.WaitForAnswerAsync(c => c.Request.Sequence > (after?.Request.Sequence ?? 0) && c.Shown().Contains(text, StringComparison.Ordinal));

    /// <summary>What a person reads in a message: its fallback text and every text of its blocks, decoded (mrkdwn as sent).</summary>
    public static string ShownText(SlackCall message)
    {
        var texts = new List<string> { message.Argument("text") ?? string.Empty };
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj)
                    {
                        if (name == "text" && value is JsonValue text && text.TryGetValue<string>(out var s))
                        {
                            texts.Add(s);
                        }
                        else
                        {
                            Walk(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(message.Argument("blocks") is { } blocks ? JsonNode.Parse(blocks) : null);
        return string.Join('\n', texts);
    }

    /// <summary>The action ids of a message's buttons.</summary>
    public static IReadOnlyList<string> ActionIds(SlackCall message) => [.. message.Buttons().Select(b => b["action_id"]!.GetValue<string>())];

    /// <summary>Clicks a button by action id and value as Slack would post it; returns how long the acknowledgement took and the response URL used.</summary>
    public static async Task<(TimeSpan Took, Uri ResponseUrl)> ClickAsync(
        AppFixture app, string actionId, string value, string user = SlackRequests.Engineer, string? messageTs = null, string triggerId = "1.2.3", Uri? responseUrl = null)
    {
        responseUrl ??= app.Slack.NewResponseUrl();
        using var client = app.CreateClient();
        using var click = SlackRequests.BlockAction(actionId, value, AppFixture.SigningSecret, user, messageTs ?? "1700000000.000100", responseUrl, triggerId);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(click, Ct);
        clock.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (clock.Elapsed, responseUrl);
    }

    /// <summary>Clicks a button of <paramref name="message"/>.</summary>
    public static async Task<Uri> ClickButtonAsync(AppFixture app, SlackCall message, string actionId, string user = SlackRequests.Engineer)
    {
        var button = message.Buttons().First(b => b["action_id"]!.GetValue<string>() == actionId);
        return (await ClickAsync(app, actionId, button["value"]!.GetValue<string>(), user, message.Argument("ts"))).ResponseUrl;
    }

    /// <summary>The answer posted to one click's response URL.</summary>
    public static Task<SlackCall> WaitForReplyAsync(AppFixture app, Uri responseUrl, Func<SlackCall, bool>? predicate = null) =>
        app.Slack.WaitForResponseAsync(r => r.Request.Path == responseUrl.AbsolutePath && (predicate is null || predicate(r)), TriageAnswers.Wait, Ct);

    /// <summary>Waits until every job of <paramref name="kind"/> has finished (succeeded or failed for good), and at least <paramref name="atLeast"/> exist.</summary>
    public static async Task WaitForJobsAsync(AppFixture app, string kind, int atLeast = 1)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using var db = app.Db();
            var jobs = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind).Select(j => j.Status).ToListAsync(Ct);
            if (jobs.Count >= atLeast && jobs.All(s => s is JobStatus.Succeeded or JobStatus.Failed))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"jobs of kind {kind} did not finish: {string.Join(", ", jobs)}");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task<FixRecord> SingleFixAsync(AppFixture app)
    {
        await using var db = app.Db();
        return await db.Fixes.AsNoTracking().SingleAsync(Ct);
    }

    /// <summary>GitHub API writes (POST, PATCH, PUT, DELETE under <c>/api/v3/</c>); git's own fetches are not writes.</summary>
    public static IReadOnlyList<RecordedRequest> ApiWrites(AppFixture app) =>
        [.. app.GitHub.Writes.Where(r => r.Path.StartsWith(FakeGitHubServer.ApiPath, StringComparison.Ordinal))];

    public static IReadOnlyList<RecordedRequest> ApiWrites(AppFixture app, string method, string pathSuffix) =>
        [.. ApiWrites(app).Where(r => r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal))];

    /// <summary>Posts a GitHub webhook delivery signed with <paramref name="secret"/>.</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(AppFixture app, JsonObject payload, string secret = WebhookSecret, string kind = "pull_request", string? signature = null)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/github/webhook", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", kind);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", signature ?? GitHubWebhookEndpoints.Sign(secret, body));
        using var client = app.CreateClient();
        return await client.SendAsync(request, Ct);
    }

    public static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
