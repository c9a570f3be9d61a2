using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Fixes;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Open PR survives SIGKILL at every GitHub write (blobs, tree, commit, branch, pull request, before and after each) and at
/// the fix message's last update: in the end GitHub has one branch and one draft pull request, the thread still has
/// two bot messages (the diagnosis and the fix, updated to link the draft), and every job succeeded.
/// </summary>
public sealed class OpenPullRequestKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ack; github:POST /git/blobs<; github:POST /git/trees>; github:POST /git/commits>; github:POST /git/refs<; github:POST /git/refs>; github:POST /pulls<; github:POST /pulls>; slack:chat.update~Draft PR>")]
    public async Task OpenPullRequest_KilledAtEachWrite_EndsWithOneBranchAndOneDraft(string points)
    {
        // Every kill costs the job an attempt; the chain kills it more often than a job is normally given.
        await using var bot = await BotProcess.CreateAsync(("Jobs__MaxAttempts", "20"));
        bot.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2000, completionTokens: 300);
        bot.OpenAI.EnqueueCompletion(FixFlow.FixJson, promptTokens: 1800, completionTokens: 250);
        await bot.StartAsync();
        var (thread, _) = await bot.MentionAsync();
        var answer = await bot.Slack.WaitForAnswerAsync();
        await bot.ClickAsync(answer, FixActions.GenerateFix);
        var fixMessage = await bot.Slack.WaitForAnswerAsync(c => c.Buttons().Any(b => (string?)b["action_id"] == FixActions.OpenPullRequest));

        await KillChain.RunAsync(bot, points, () => bot.ClickAsync(fixMessage, FixActions.OpenPullRequest));

        var fix = await bot.WaitForAsync(db => db.Fixes.AsNoTracking().FirstOrDefaultAsync(f => f.Status == FixStatus.Published, Ct), "the pull request to be opened");
        await KillChain.AssertJobsSucceededAsync(bot);
        var pull = Assert.Single(bot.GitHub.PullRequests(FixFlow.Owner, FixFlow.Repo));
        Assert.True((bool?)pull["draft"]);
        Assert.Equal(fix.PullRequestNumber, (int?)pull["number"]);
        Assert.Single(bot.GitHub.Branches(FixFlow.Owner, FixFlow.Repo), b => b.StartsWith("triage/", StringComparison.Ordinal));
        Assert.Equal(2, KillChain.BotMessages(bot, thread).Count);
    }
}
