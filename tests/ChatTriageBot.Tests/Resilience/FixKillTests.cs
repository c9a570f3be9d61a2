using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Fixes;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Generate fix survives SIGKILL at every step: after the click's acknowledgement, around the fix message's post, the
/// model's answer, the patch's upload (its ticket, and the upload's completion that shares it in the thread) and the
/// final update. In the end the thread has the diagnosis and one fix message, one patch file, and every job succeeded.
/// </summary>
public sealed class FixKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ack; slack:chat.postMessage<; slack:chat.postMessage>; model>; slack:files.getUploadURLExternal<; slack:files.completeUploadExternal<; slack:files.completeUploadExternal>; slack:chat.update~Proposed fix>")]
    public async Task GenerateFix_KilledAtEachStep_EndsWithOneFixMessageAndOnePatch(string points)
    {
        // Every kill costs the job an attempt; the chain kills it more often than a job is normally given.
        await using var bot = await BotProcess.CreateAsync(("Jobs__MaxAttempts", "20"));
        bot.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2000, completionTokens: 300);
        bot.OpenAI.EnqueueCompletion(FixFlow.FixJson, promptTokens: 1800, completionTokens: 250);
        await bot.StartAsync();
        var (thread, _) = await bot.MentionAsync();
        var answer = await bot.Slack.WaitForAnswerAsync();

        var lost = await KillChain.RunAsync(
            bot,
            points,
            () => bot.ClickAsync(answer, FixActions.GenerateFix),
            () =>
            {
                bot.OpenAI.EnqueueCompletion(FixFlow.FixJson, promptTokens: 1800, completionTokens: 250);
                return Task.CompletedTask;
            });

        var fix = await bot.WaitForAsync(db => db.Fixes.AsNoTracking().FirstOrDefaultAsync(f => f.Status == FixStatus.Ready, Ct), "the fix to be ready");
        await KillChain.AssertJobsSucceededAsync(bot);
        var messages = KillChain.BotMessages(bot, thread);
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => (string?)m["ts"] == fix.ReplyTs);
        Assert.Single(KillChain.SharedFiles(bot, thread), name => name.EndsWith(".patch", StringComparison.Ordinal));
        Assert.Equal(fix.PatchFileId, Assert.Single(bot.Slack.Uploads, u => u.Completed && !u.Deleted).FileId);
        await using var db = bot.Db();
        Assert.Equal(bot.OpenAI.CompletionRequests.Count - lost, await db.ModelUsage.CountAsync(Ct));
    }
}
