using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Fixes;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Slack, the model and GitHub answering 429 (with <c>Retry-After</c>), 500, or too slowly: bounded retries with
/// backoff, one result when it works out, and when it gives up a plain sentence in the thread (the provider's own words
/// only in the log), with the work kept and <b>Try again</b> offered.
/// </summary>
public sealed class FarSideFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("timeout")]
    public async Task SlackFailingThePost_IsRetried_AndTheThreadGetsOneMessage(string fault)
    {
        await using var app = await new AppFixture()
            .With("Jobs:RetryBaseSeconds", "1")
            .With("Slack:RequestTimeoutSeconds", "1")
            .With("OpenAI:ApiKey", string.Empty)
            .StartAsync();
        HeldRequest? late = null;
        switch (fault)
        {
            case "500":
                app.Slack.RespondServerError("chat.postMessage", times: 2);
                break;
            case "429":
                app.Slack.RespondRateLimited("chat.postMessage", retryAfterSeconds: 1, times: 2);
                break;
            default:
                // Slack posts the message but answers after the bot stopped waiting: the retry must find it.
                late = app.Slack.Hold(r => r.Path == FakeSlackServer.ApiPath + "chat.postMessage", HoldPoint.AfterEffect);
                break;
        }

        var (thread, _) = await app.MentionAsync(SampleShop.CustomerReport, "why?");
        if (late is not null)
        {
            await late.Arrived.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            late.Release();
        }

        await app.WaitForStatusAsync(TriageStatus.Completed);
        var messages = app.Slack.Messages(SlackRequests.Channel).Where(m => (string?)m["bot_id"] == app.Slack.BotId && (string?)m["thread_ts"] == thread).ToList();
        var message = Assert.Single(messages);
        Assert.Contains("No model is configured", message.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("429")]
    [InlineData("500")]
    [InlineData("timeout")]
    public async Task ModelFailingEveryAttempt_IsToldPlainlyInTheThread_AndTryAgainWorksOnceItAnswers(string fault)
    {
        await using var app = await new AppFixture()
            .With("Jobs:RetryBaseSeconds", "1")
            .With("OpenAI:MaxRetries", "1")
            .With("OpenAI:TimeoutSeconds", "1")
            .StartAsync();
        const string providerWords = "Rate limit reached for gpt-4.1-mini in organization org-fake on tokens per min";
        for (var i = 0; i < 6; i++)
        {
            switch (fault)
            {
                case "429":
                    app.OpenAI.RespondWith(FakeOpenAIServer.CompletionsPath, FakeResponse.Json(
                        new System.Text.Json.Nodes.JsonObject { ["error"] = new System.Text.Json.Nodes.JsonObject { ["message"] = providerWords, ["type"] = "requests", ["code"] = "rate_limit_exceeded" } }, 429)
                        .WithHeader("Retry-After", "0"));
                    break;
                case "500":
                    app.OpenAI.RespondServerError();
                    break;
                default:
                    app.OpenAI.RespondSlowly(TimeSpan.FromSeconds(3));
                    break;
            }
        }

        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var failure = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains(":warning:", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        await app.WaitForStatusAsync(TriageStatus.Failed);

        var shown = failure.Shown();
        Assert.Contains("The model could not answer: the model's provider", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(providerWords, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP", shown, StringComparison.Ordinal);
        Assert.Equal("Try again", Assert.Single(failure.Buttons())["text"]!["text"]!.GetValue<string>());
        // Three job attempts of two calls each (the SDK's one retry), then no more.
        Assert.Equal(6, app.OpenAI.CompletionRequests.Count);

        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        await app.ClickAsync(failure, "triage_retry");
        var answer = await app.Slack.WaitForAnswerAsync(c => c.Request.Sequence > failure.Request.Sequence && c.Shown().Contains("CartService.Total dereferences", StringComparison.Ordinal));
        Assert.Equal(failure.Argument("ts"), answer.Argument("ts"));
        await app.WaitForStatusAsync(TriageStatus.Completed);
    }

    [Fact]
    public async Task GitHubFailingEveryWrite_IsRetried_ThenRefusedPlainly_AndALaterClickOpensOneDraft()
    {
        await using var app = await FixFlow.StartHostedAsync();
        var (_, fix) = await FixFlow.ProposeFixAsync(app);
        app.GitHub.RespondServerError(FakeGitHubServer.ApiPath + "repos/acme/shop/pulls", times: 3);

        var url = await FixFlow.ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        // A click answered late says "Opening a draft pull request" through the response URL first: the refusal follows.
        var refusal = await FixFlow.WaitForReplyAsync(app, url, r => !IsOpeningNote(r));

        Assert.Contains("GitHub did not answer (it was failing or too slow)", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.DoesNotContain("500", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(app.GitHub.PullRequests(FixFlow.Owner, FixFlow.Repo));

        var again = await FixFlow.ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await FixFlow.WaitForFixMessageAsync(app, "Draft PR");
        Assert.Single(app.GitHub.PullRequests(FixFlow.Owner, FixFlow.Repo));
        Assert.Single(app.GitHub.Branches(FixFlow.Owner, FixFlow.Repo), b => b.StartsWith("triage/", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Slack.Responses(), r => r.Request.Path == again.AbsolutePath && !IsOpeningNote(r));
        await using var db = app.Db();
        Assert.Equal(FixStatus.Published, (await db.Fixes.AsNoTracking().SingleAsync(Ct)).Status);
    }

    private static bool IsOpeningNote(SlackCall reply) =>
        reply.Argument("text")?.StartsWith("Opening a draft pull request", StringComparison.Ordinal) == true;
}
