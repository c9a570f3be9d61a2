using System.Net;
using System.Text.Json.Nodes;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatTriageBot.Tests.Fixes.FixFlow;

namespace ChatTriageBot.Tests.Fixes;

/// <summary>
/// <b>Open PR</b> through the real app against the fake GitHub (a real bare repository behind GitHub's REST API):
/// the draft pull request, its branch and body, exactly once under double clicks and retries, and the thread hearing
/// when it ships.
/// </summary>
public sealed class OpenPullRequestTests
{
    [Fact]
    public async Task FromDiagnosisToMerge_TheThreadLinksADraftThatLinksBack_AndHearsOfTheMergeOnce()
    {
        await using var app = await StartHostedAsync(("GitHub:PullRequestLabels:0", "triage-bot"));
        var pinned = app.GitHub.CommitFile(Owner, Repo, "main", ".github/CODEOWNERS", "* @everyone-else\n/src/Shop/Checkout/ @checkout-lead @acme/payments\n", "Owners");
        var (thread, fix) = await ProposeFixAsync(app);
        Assert.Contains(":white_check_mark: paths", ShownText(fix), StringComparison.Ordinal);
        Assert.Contains(":white_check_mark: size", ShownText(fix), StringComparison.Ordinal);
        Assert.Equal([FixActions.OpenPullRequest, FixActions.Revise, FixActions.Discard], ActionIds(fix));

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        var opened = await WaitForFixMessageAsync(app, ":rocket:", fix);

        var told = await WaitForReplyAsync(app, clicked);
        Assert.Contains("Opening a draft pull request in acme/shop", told.Argument("text"), StringComparison.Ordinal);
        var pull = Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        Assert.True(pull["draft"]!.GetValue<bool>());
        var branch = pull["head"]!["ref"]!.GetValue<string>();
        Assert.StartsWith("triage/", branch, StringComparison.Ordinal);
        Assert.NotEqual("main", branch);
        Assert.Equal("main", pull["base"]!["ref"]!.GetValue<string>());
        Assert.Equal("Treat a missing discount as 0 percent in CartService.Total", pull["title"]!.GetValue<string>());
        var body = pull["body"]!.GetValue<string>();
        Assert.Contains($"https://{app.Slack.TeamDomain}.slack.com/archives/{SlackRequests.Channel}/p{thread.Replace(".", string.Empty, StringComparison.Ordinal)}", body, StringComparison.Ordinal);
        Assert.Contains("## Root cause", body, StringComparison.Ordinal);
        Assert.Contains($"/acme/shop/blob/{pinned}/{SampleShop.CartServicePath}#L14-L15", body, StringComparison.Ordinal);
        Assert.Contains("✅ paths", body, StringComparison.Ordinal);
        Assert.Equal(["triage-bot"], pull["labels"]!.AsArray().Select(l => l!["name"]!.GetValue<string>()));
        Assert.Equal(["checkout-lead"], pull["requested_reviewers"]!.AsArray().Select(u => u!["login"]!.GetValue<string>()));
        Assert.Equal(["payments"], pull["requested_teams"]!.AsArray().Select(t => t!["slug"]!.GetValue<string>()));

        // The branch holds the fix on top of main; main itself was never written.
        Assert.Contains(FixedLine, app.GitHub.FileAt(Owner, Repo, branch, SampleShop.CartServicePath), StringComparison.Ordinal);
        Assert.DoesNotContain(FixedLine, app.GitHub.FileAt(Owner, Repo, "main", SampleShop.CartServicePath), StringComparison.Ordinal);
        Assert.Single(ApiWrites(app, "POST", "/git/refs"));
        Assert.Empty(ApiWrites(app, "PATCH", "/git/refs/heads/main"));

        var shown = ShownText(opened);
        Assert.Contains($"Draft PR <{pull["html_url"]!.GetValue<string>()}|#1> opened by <@{SlackRequests.Engineer}>", shown, StringComparison.Ordinal);
        Assert.Equal(fix.Argument("ts"), opened.Argument("ts"));
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(opened));
        var stored = await SingleFixAsync(app);
        Assert.Equal((FixStatus.Published, 1, branch), (stored.Status, stored.PullRequestNumber, stored.Branch));

        // A second click (on the message as it was) is answered with the link; nothing more is written.
        var again = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        var link = await WaitForReplyAsync(app, again);
        Assert.Contains("already opened", link.Argument("text"), StringComparison.Ordinal);
        Assert.Contains(pull["html_url"]!.GetValue<string>(), link.Argument("text"), StringComparison.Ordinal);
        Assert.Single(app.GitHub.PullRequests(Owner, Repo));

        // Merged on GitHub: the webhook and the poll both see it; the thread hears it once.
        var webhook = app.GitHub.MergePullRequest(Owner, Repo, 1, "octocat");
        using (var response = await PostWebhookAsync(app, webhook))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(0, await app.Services.GetRequiredService<PullRequestPollJob>().PollAsync(Ct));
        await WaitForJobsAsync(app, PullRequestOutcomeJobHandler.Kind);
        var merged = Assert.Single(app.Slack.Calls("chat.postMessage"), m => m.Argument("text")?.Contains("merged", StringComparison.Ordinal) == true);
        Assert.Equal(thread, merged.Argument("thread_ts"));
        Assert.Contains("merged by octocat", merged.Argument("text"), StringComparison.Ordinal);
        Assert.Contains(pull["html_url"]!.GetValue<string>(), merged.Argument("text"), StringComparison.Ordinal);
        await using var db = app.Db();
        var outcome = await db.PullRequestOutcomes.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((PullRequestOutcome.Merged, "octocat", "webhook", true), (outcome.Outcome, outcome.By, outcome.Source, outcome.TouchedBlamedFiles));
        await WaitForFixMessageAsync(app, ":tada:", opened);
    }

    [Fact]
    public async Task MergeSeenByThePollFirst_AndThenByTheWebhook_PostsOneMessage()
    {
        await using var app = await StartHostedAsync();
        var (thread, fix) = await ProposeFixAsync(app);
        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);

        var webhook = app.GitHub.MergePullRequest(Owner, Repo, 1, "octocat");
        Assert.Equal(1, await app.Services.GetRequiredService<PullRequestPollJob>().PollAsync(Ct));
        using (var response = await PostWebhookAsync(app, webhook))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await WaitForJobsAsync(app, PullRequestOutcomeJobHandler.Kind);
        Assert.Single(app.Slack.Calls("chat.postMessage"), m => m.Argument("thread_ts") == thread && m.Argument("text")?.Contains(":tada:", StringComparison.Ordinal) == true);
        await using var db = app.Db();
        Assert.Equal("poll", (await db.PullRequestOutcomes.AsNoTracking().SingleAsync(Ct)).Source);
        Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == PullRequestOutcomeJobHandler.Kind).ToListAsync(Ct));
    }

    [Fact]
    public async Task ClosedWithoutMerging_IsToldOnce_ByWhom()
    {
        await using var app = await StartHostedAsync();
        var (thread, fix) = await ProposeFixAsync(app);
        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);

        app.GitHub.ClosePullRequest(Owner, Repo, 1, "maintainer");
        Assert.Equal(1, await app.Services.GetRequiredService<PullRequestPollJob>().PollAsync(Ct));
        await WaitForJobsAsync(app, PullRequestOutcomeJobHandler.Kind);

        var closed = Assert.Single(app.Slack.Calls("chat.postMessage"), m => m.Argument("text")?.Contains("closed without merging", StringComparison.Ordinal) == true);
        Assert.Equal(thread, closed.Argument("thread_ts"));
        Assert.Contains("by maintainer", closed.Argument("text"), StringComparison.Ordinal);
        await using var db = app.Db();
        var outcome = await db.PullRequestOutcomes.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((PullRequestOutcome.Closed, "maintainer", (bool?)null), (outcome.Outcome, outcome.By, outcome.TouchedBlamedFiles));
    }

    [Fact]
    public async Task DoubleClick_AndTwoPeopleClicking_OpenOneBranchAndOnePullRequest()
    {
        await using var app = await StartHostedAsync(("Access:OpenPullRequest:1", "U0SECOND"));
        var (_, fix) = await ProposeFixAsync(app);
        var value = fix.Buttons().First(b => b["action_id"]!.GetValue<string>() == FixActions.OpenPullRequest)["value"]!.GetValue<string>();

        var clicks = await Task.WhenAll(
            ClickAsync(app, FixActions.OpenPullRequest, value),
            ClickAsync(app, FixActions.OpenPullRequest, value),
            ClickAsync(app, FixActions.OpenPullRequest, value, user: "U0SECOND"));
        await WaitForFixMessageAsync(app, ":rocket:", fix);
        await WaitForJobsAsync(app, OpenPullRequestJobHandler.Kind);

        Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        Assert.Single(ApiWrites(app, "POST", "/git/refs"));
        Assert.Single(ApiWrites(app, "POST", "/pulls"));
        await using var db = app.Db();
        Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == OpenPullRequestJobHandler.Kind).ToListAsync(Ct));
        var replies = await Task.WhenAll(clicks.Select(c => WaitForReplyAsync(app, c.ResponseUrl)));
        Assert.Single(replies, r => r.Argument("text")!.StartsWith("Opening a draft pull request", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailureBetweenTheBranchAndThePullRequest_IsRetried_IntoOneBranchAndOnePullRequest()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        // The branch is written, then GitHub fails on the pull request step; the job's retry carries on from the branch.
        app.GitHub.RespondServerError($"repos/{Owner}/{Repo}/pulls");

        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);

        Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        Assert.Single(ApiWrites(app, "POST", "/git/refs"));
        Assert.Single(ApiWrites(app, "POST", "/git/commits"));
        Assert.Empty(ApiWrites(app, "PATCH", string.Empty));
        await using var db = app.Db();
        Assert.Equal(2, (await db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == OpenPullRequestJobHandler.Kind, Ct)).Attempts);
    }

    [Fact]
    public async Task DefaultBranchMoved_ButThePatchStillApplies_IsReappliedOnItsHead()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        var head = app.GitHub.CommitFile(Owner, Repo, "main", "README.md", "# Shop\n\nA small web shop, now with gift cards.\n", "Docs");

        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);

        var pull = Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        var branch = pull["head"]!["ref"]!.GetValue<string>();
        Assert.Contains(FixedLine, app.GitHub.FileAt(Owner, Repo, branch, SampleShop.CartServicePath), StringComparison.Ordinal);
        Assert.Contains("gift cards", app.GitHub.FileAt(Owner, Repo, branch, "README.md"), StringComparison.Ordinal);
        Assert.Contains($"it was applied to the head, {head[..10]}", pull["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var commit = app.GitHub.Requests.Last(r => r.Method == "POST" && r.Path.EndsWith("/git/commits", StringComparison.Ordinal)).JsonBody();
        Assert.Equal([head], commit.GetProperty("parents").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task DefaultBranchMoved_AndThePatchNoLongerApplies_IsRefusedInTheThread_AndRegenerateWritesItOnTheNewHead()
    {
        await using var app = await StartHostedAsync();
        var (thread, fix) = await ProposeFixAsync(app);
        var original = app.GitHub.FileAt(Owner, Repo, "main", SampleShop.CartServicePath)!;
        var moved = app.GitHub.CommitFile(Owner, Repo, "main", SampleShop.CartServicePath,
            original.Replace("        var percent = cart.Discount!.Percent;", "        var percent = cart.Discount!.Percent; // reviewed", StringComparison.Ordinal), "Touch the line");

        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        var stale = await WaitForFixMessageAsync(app, ":warning:", fix);

        Assert.Contains($"no longer applies to the head {moved[..10]}", ShownText(stale), StringComparison.Ordinal);
        Assert.Equal([FixActions.Regenerate, FixActions.Discard], ActionIds(stale));
        Assert.Empty(ApiWrites(app));
        Assert.Empty(app.GitHub.PullRequests(Owner, Repo));
        Assert.Equal(FixStatus.Stale, (await SingleFixAsync(app)).Status);

        app.OpenAI.EnqueueCompletion(FixJson.Replace("        var percent = cart.Discount!.Percent;\"", "        var percent = cart.Discount!.Percent; // reviewed\"", StringComparison.Ordinal));
        await ClickButtonAsync(app, stale, FixActions.Regenerate);
        var regenerated = await WaitForFixMessageAsync(app, "revision 1", stale);
        Assert.Contains(moved[..10], ShownText(regenerated), StringComparison.Ordinal);
        Assert.Contains(FixActions.OpenPullRequest, ActionIds(regenerated));
        Assert.Equal(moved, (await SingleFixAsync(app)).BaseCommit);

        await ClickButtonAsync(app, regenerated, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", regenerated);
        var pull = Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        Assert.Contains(FixedLine, app.GitHub.FileAt(Owner, Repo, pull["head"]!["ref"]!.GetValue<string>(), SampleShop.CartServicePath), StringComparison.Ordinal);
        Assert.Single(app.Slack.Calls("chat.postMessage"), m => m.Argument("thread_ts") == thread && m.Argument("text")!.Contains("Writing a fix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SomeoneNotOnTheList_IsRefusedOnlyToThem_AndNothingIsWritten()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest, user: "U0INTRUDER");

        var refusal = await WaitForReplyAsync(app, clicked);
        Assert.Contains("not on the list of people who may open pull requests", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Equal("ephemeral", refusal.Argument("response_type"));
        await using var db = app.Db();
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == OpenPullRequestJobHandler.Kind, Ct));
        Assert.Empty(ApiWrites(app));
        Assert.Empty(app.Slack.Calls("chat.postEphemeral"));
    }

    [Fact]
    public async Task TokenThatMayNotWrite_IsRefusedWithWhatToGrant_AndALaterClickOpensIt()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        app.GitHub.SetCanPush(Owner, Repo, canPush: false);

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        var refusal = await WaitForReplyAsync(app, clicked, r => r.Argument("text")!.Contains("may read", StringComparison.Ordinal));
        Assert.Contains("Contents: read and write, and Pull requests: read and write", refusal.Argument("text"), StringComparison.Ordinal);
        await WaitForJobsAsync(app, OpenPullRequestJobHandler.Kind);
        Assert.Empty(ApiWrites(app));

        app.GitHub.SetCanPush(Owner, Repo, canPush: true);
        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);
        Assert.Single(app.GitHub.PullRequests(Owner, Repo));
    }

    [Fact]
    public async Task GitHubRefusingAWrite_IsTurnedIntoThePermissionToGrant()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        app.GitHub.RespondForbidden($"repos/{Owner}/{Repo}/git/blobs", acceptedPermissions: "contents=write");

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);

        var refusal = await WaitForReplyAsync(app, clicked, r => r.Argument("text")!.Contains("GitHub would not let the bot's token", StringComparison.Ordinal));
        Assert.Contains("GitHub would not let the bot's token make this change", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.DoesNotContain("Resource not accessible by personal access token", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Contains("contents=write", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(app.GitHub.PullRequests(Owner, Repo));
        Assert.DoesNotContain(app.GitHub.Branches(Owner, Repo), b => b.StartsWith("triage/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClickingAgainOnReadingARefusal_TriesAgain()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        app.GitHub.RespondForbidden($"repos/{Owner}/{Repo}/git/blobs", acceptedPermissions: "contents=write");
        var first = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        // Slack has shown the refusal and the bot has not heard back yet: the moment a quick reader clicks again.
        var shown = app.Slack.Hold(
            r => r.Path == first.AbsolutePath && r.BodyText.Contains("would not let the bot", StringComparison.Ordinal), HoldPoint.AfterEffect);
        await shown.Arrived.WaitAsync(TriageAnswers.Wait, Ct);

        var second = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);

        var reply = await WaitForReplyAsync(app, second);
        shown.Release();
        Assert.StartsWith("Opening a draft pull request", reply.Argument("text"), StringComparison.Ordinal);
        await WaitForFixMessageAsync(app, "Draft PR");
        Assert.Single(app.GitHub.PullRequests(Owner, Repo));
    }

    [Fact]
    public async Task RateLimited_IsRefusedWithWhenItResets()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        app.GitHub.RespondRateLimited($"repos/{Owner}/{Repo}", retryAfterSeconds: 3600);

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);

        var refusal = await WaitForReplyAsync(app, clicked, r => r.Argument("text")!.Contains("rate limit", StringComparison.Ordinal));
        Assert.Matches("resets at [0-9]{2}:[0-9]{2} UTC", refusal.Argument("text"));
        Assert.Empty(ApiWrites(app));
    }

    [Fact]
    public async Task SecondaryRateLimit_429_IsRefusedWithWhenToTryAgain()
    {
        await using var app = await StartHostedAsync();
        var (_, fix) = await ProposeFixAsync(app);
        app.GitHub.RespondSecondaryRateLimited($"repos/{Owner}/{Repo}/git/blobs", retryAfterSeconds: 90);

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);

        var refusal = await WaitForReplyAsync(app, clicked, r => r.Argument("text")!.Contains("slow down", StringComparison.Ordinal));
        Assert.Matches("try again after [0-9]{2}:[0-9]{2}:[0-9]{2} UTC", refusal.Argument("text"));
        Assert.Empty(app.GitHub.PullRequests(Owner, Repo));
    }

    [Fact]
    public async Task NoToken_IsRefusedWithTheSettingToSet()
    {
        await using var app = await StartHostedAsync(("GitHub:Token", string.Empty));
        app.GitHub.ExpectedToken = null;
        var (_, fix) = await ProposeFixAsync(app);

        var clicked = await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);

        var refusal = await WaitForReplyAsync(app, clicked, r => r.Argument("text")!.Contains("GitHub__Token", StringComparison.Ordinal));
        Assert.Contains("GitHub__Token is not set", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(ApiWrites(app));
    }

    [Fact]
    public async Task RepositoryNotOnGitHub_IsNotOffered_AndAClickIsRefused()
    {
        var app = new AppFixture();
        app.With("Access:GenerateFix:0", SlackRequests.Engineer).With("Access:OpenPullRequest:0", SlackRequests.Engineer);
        await app.InitializeAsync();
        await using var _ = app;
        var (_, fix) = await ProposeFixAsync(app);
        Assert.DoesNotContain(FixActions.OpenPullRequest, ActionIds(fix));

        var (_, responseUrl) = await ClickAsync(app, FixActions.OpenPullRequest, Number((int)(await SingleFixAsync(app)).Id));

        var refusal = await WaitForReplyAsync(app, responseUrl);
        Assert.Contains("acme/shop is not on GitHub", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(ApiWrites(app));
    }

    [Fact]
    public async Task PullRequestBody_HoldsNoneOfThePlantedPersonalData()
    {
        await using var app = await StartHostedAsync();
        // The address is a customer's, not one of the documentation ranges that redaction keeps as a fact.
        string[] planted = ["jane.doe@example.com", "+49 30 1234567", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00", "81.2.69.142", "sk_live_51HcQ2eKx8uV3mZ9pQ7rT2wY"];
        var report = SampleShop.CustomerReport + $"\nCall me on {planted[1]}, card {planted[2]}, IBAN {planted[3]}, from {planted[4]}, key {planted[5]}.";
        // A model that echoes what it should not: the body still holds none of it.
        var diagnosis = JsonNode.Parse(SampleShop.DiagnosisJson())!.AsObject();
        diagnosis["summary"] = $"CartService.Total fails for {planted[0]} (card {planted[2]}) when the cart has no discount.";
        diagnosis["root_cause"] = $"Total reads cart.Discount!.Percent without checking for null; seen from {planted[4]} with key {planted[5]}.";
        var fixJson = JsonNode.Parse(FixJson)!.AsObject();
        fixJson["summary"] = $"Treat a missing discount as 0 percent (reported by {planted[0]}, {planted[1]}).";
        var (thread, fix) = await ProposeFixAsync(app, diagnosis.ToJsonString(), fixJson.ToJsonString(), report);

        await ClickButtonAsync(app, fix, FixActions.OpenPullRequest);
        await WaitForFixMessageAsync(app, ":rocket:", fix);

        var pull = Assert.Single(app.GitHub.PullRequests(Owner, Repo));
        var written = string.Join('\n', ApiWrites(app).Select(w => w.BodyText));
        foreach (var value in planted)
        {
            Assert.DoesNotContain(value, written, StringComparison.Ordinal);
        }

        Assert.Contains("<EMAIL_1>", pull["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Call me on", app.Slack.Messages(SlackRequests.Channel).Single(m => m["user"]?.GetValue<string>() == "U0CUSTOMER").ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Call me on", pull["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(thread.Replace(".", string.Empty, StringComparison.Ordinal), pull["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
