using System.Text;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Fixes;

/// <summary><b>Generate fix</b> through the real app: who sees it, who may click it, and the checked patch it posts.</summary>
public sealed class GenerateFixTests
{
    private const string FixJson = """
        {
          "summary": "Treat a missing discount as 0 percent in CartService.Total.",
          "edits": [
            { "path": "src/Shop/Checkout/CartService.cs", "find": "        var percent = cart.Discount!.Percent;", "replace": "        var percent = cart.Discount?.Percent ?? 0m;", "why": "no discount means no reduction" },
            { "path": "src/Shop/Checkout/DiscountEngine.cs", "find": "class DiscountEngine", "replace": "class Engine", "why": "invented" },
            { "path": "src/Shop/Checkout/CartService.cs", "find": "this text is not in the file", "replace": "x", "why": "stale" }
          ],
          "test_plan": "Add a test: Total of an empty cart without a discount is 0.",
          "risk": "low"
        }
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AllowedPersonsClick_PostsACheckedPatchInTheThread_AndLeavesOutEditsThatDoNotMatch()
    {
        await using var app = await new AppFixture().With("Access:GenerateFix:0", SlackRequests.Engineer).StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        var (thread, _) = await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var answer = await app.Slack.WaitForAnswerAsync();
        Assert.Equal("Generate fix", answer.Buttons()[0]["text"]!["text"]!.GetValue<string>());
        await app.WaitForStatusAsync(TriageStatus.Completed);

        app.OpenAI.EnqueueCompletion(FixJson, promptTokens: 1800, completionTokens: 250);
        await app.ClickAsync(answer, "fix_generate");
        var fixMessage = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains("Proposed fix", StringComparison.Ordinal));
        var complete = await app.Slack.WaitForCallAsync("files.completeUploadExternal", timeout: TriageAnswers.Wait, cancellationToken: Ct);

        var posts = app.Slack.Calls("chat.postMessage");
        Assert.Equal([thread, thread], posts.Select(p => p.Argument("thread_ts")));
        Assert.Equal(thread, complete.Argument("thread_ts"));
        var shown = fixMessage.Shown();
        Assert.Contains("Treat a missing discount as 0 percent", shown, StringComparison.Ordinal);
        Assert.Contains("1 line(s) added, 1 removed", shown, StringComparison.Ordinal);
        Assert.Contains("DiscountEngine.cs: not one of the files shown to the model", shown, StringComparison.Ordinal);
        Assert.Contains("the text to replace is not in the file at this commit", shown, StringComparison.Ordinal);

        var patch = Encoding.UTF8.GetString(Assert.Single(app.Slack.Uploads).Bytes!.Value.Span);
        Assert.Contains($"--- a/{SampleShop.CartServicePath}", patch, StringComparison.Ordinal);
        Assert.Contains("-        var percent = cart.Discount!.Percent;", patch, StringComparison.Ordinal);
        Assert.Contains("+        var percent = cart.Discount?.Percent ?? 0m;", patch, StringComparison.Ordinal);
        await AssertAppliesAsync(app.Repository, patch);

        var request = app.OpenAI.CompletionRequests[1];
        Assert.Equal("fix", request.ResponseFormat!.Value.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Matches("<diagnosis-[0-9a-f]{12}>", request.MessageTexts[1]);
        Assert.DoesNotContain("jane.doe@example.com", request.Request.BodyText, StringComparison.Ordinal);
        await using var db = app.Db();
        var fix = await db.Fixes.SingleAsync(Ct);
        Assert.Equal((FixStatus.Ready, SlackRequests.Engineer), (fix.Status, fix.RequestedBy));
        Assert.Equal(patch, fix.Patch);
        Assert.Equal(["diagnosis", "fix"], await db.ModelUsage.OrderBy(u => u.Id).Select(u => u.Purpose).ToListAsync(Ct));
        var triageId = (await db.Triages.SingleAsync(Ct)).Id;
        var fixLogs = app.Logs.Entries.Where(e => e.Category.StartsWith("ChatTriageBot.Fixes.", StringComparison.Ordinal)).Select(e => e.Message).ToList();
        Assert.Contains($"Fix for triage {triageId} started (asked by {SlackRequests.Engineer}, attempt 1)", fixLogs);
        Assert.Contains(fixLogs, m => m.StartsWith($"Fix for triage {triageId}: asking ", StringComparison.Ordinal));
        Assert.Contains($"Fix for triage {triageId}: patch produced, 1 file(s) changed, 2 edit(s) left out; 1800 in / 250 out", fixLogs);
        Assert.DoesNotContain(app.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information
            && (e.Message.Contains("jane.doe@example.com", StringComparison.Ordinal)
                || e.Message.Contains("Discount", StringComparison.Ordinal)
                || e.Message.Contains(app.Slack.BotToken!, StringComparison.Ordinal)));

        // A second click gets told, and no second fix is written.
        await app.ClickAsync(answer, "fix_generate");
        var told = await app.Slack.WaitForResponseAsync(timeout: TriageAnswers.Wait, cancellationToken: Ct);
        Assert.Contains("already asked for", told.Argument("text"), StringComparison.Ordinal);
        Assert.Equal("ephemeral", told.Argument("response_type"));
        Assert.Empty(app.Slack.Calls("chat.postEphemeral"));
        Assert.Equal(2, app.OpenAI.CompletionRequests.Count);
    }

    [Fact]
    public async Task SomeoneNotOnTheList_IsRefusedOnlyToThem_AndNothingIsWritten()
    {
        await using var app = await new AppFixture().With("Access:GenerateFix:0", SlackRequests.Engineer).StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        var (thread, _) = await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var answer = await app.Slack.WaitForAnswerAsync();

        await app.ClickAsync(answer, "fix_generate", user: "U0INTRUDER");

        var refusal = await app.Slack.WaitForResponseAsync(timeout: TriageAnswers.Wait, cancellationToken: Ct);
        Assert.Equal("ephemeral", refusal.Argument("response_type"));
        Assert.Contains("not on the list of people who may generate fixes", refusal.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(app.Slack.Calls("chat.postEphemeral"));
        await using var db = app.Db();
        Assert.False(await db.Jobs.AnyAsync(j => j.Kind == "fix.generate", Ct));
        Assert.Single(app.OpenAI.CompletionRequests);
        Assert.Single(app.Slack.Calls("chat.postMessage"), p => p.Argument("thread_ts") == thread);
    }

    [Fact]
    public async Task Refusal_GoesOutAfterTheAcknowledgement_EvenWhileSlackIsSlow()
    {
        await using var app = await new AppFixture().With("Access:GenerateFix:0", SlackRequests.Engineer).StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await app.Slack.WaitForAnswerAsync();
        await app.WaitForStatusAsync(TriageStatus.Completed);
        var responseUrl = app.Slack.NewResponseUrl();
        app.Slack.RespondSlowly(responseUrl.AbsolutePath, TimeSpan.FromSeconds(4));
        app.Slack.RespondSlowly("chat.postEphemeral", TimeSpan.FromSeconds(4), times: 3);

        await using var db = app.Db();
        var triage = await db.Triages.AsNoTracking().SingleAsync(Ct);
        var (took, _) = await FixFlow.ClickAsync(app, "fix_generate", triage.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user: "U0INTRUDER", responseUrl: responseUrl);

        Assert.True(took < TimeSpan.FromSeconds(1), $"the click was acknowledged after {took}");
        var refusal = await app.Slack.WaitForResponseAsync(r => r.Request.Path == responseUrl.AbsolutePath, TriageAnswers.Wait, Ct);
        Assert.Contains("not on the list of people who may generate fixes", refusal.Argument("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheButton_IsOnlyOffered_WhenTheFixabilityReachesTheSetting()
    {
        await using var app = await new AppFixture().With("Access:GenerateFix:0", SlackRequests.Engineer).With("Triage:FixabilityThreshold", "0.95").StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        var answer = await app.Slack.WaitForAnswerAsync();

        Assert.DoesNotContain(answer.Buttons(), b => b["action_id"]!.GetValue<string>() == "fix_generate");
        Assert.Contains(answer.Buttons(), b => b["action_id"]!.GetValue<string>() == "triage_helpful");
    }

    private static async Task AssertAppliesAsync(TestRepository repository, string patch)
    {
        using var work = new TempDirectory("ctb-apply");
        var file = work.Combine("fix.patch");
        await File.WriteAllTextAsync(file, patch, Ct);
        using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", repository.Path, "apply", "--check", file])
        {
            RedirectStandardError = true,
        })!;
        var error = await git.StandardError.ReadToEndAsync(Ct);
        await git.WaitForExitAsync(Ct);
        Assert.True(git.ExitCode == 0, "the posted patch must apply to the repository: " + error);
    }
}
