using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// A triage survives SIGKILL at every step: after the acknowledgement (the job queued or just leased), before and after
/// each Slack post, before and after the model's answer, before and after the answer is shown (the ledger and the job's
/// records written, the job not yet finished). After each restart the bot takes the job back at once, and in the end the
/// thread has one bot message, holding the diagnosis, the ledger one row per model answer the bot received, and every
/// job succeeded.
/// </summary>
public sealed class TriageKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ack; slack:reactions.add<; slack:chat.postMessage<; slack:chat.postMessage>; slack:conversations.replies<")]
    [InlineData("model<; model>; slack:chat.update~CartService.Total dereferences<; slack:chat.update~CartService.Total dereferences>")]
    public async Task Triage_KilledAtEachStep_EndsWithOneMessageOneLedgerRowPerAnswerAndEveryJobDone(string points)
    {
        // Every kill costs the job an attempt; the chain kills it more often than a job is normally given.
        await using var bot = await BotProcess.CreateAsync(("Jobs__MaxAttempts", "20"));
        for (var i = 0; i < 3; i++)
        {
            bot.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2000, completionTokens: 300);
        }

        await bot.StartAsync();
        var thread = string.Empty;
        var lost = await KillChain.RunAsync(bot, points, async () => (thread, _) = await bot.MentionAsync());

        var triage = await bot.WaitForAsync(db => db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Status == TriageStatus.Completed, Ct), "the triage to complete");
        await KillChain.AssertJobsSucceededAsync(bot);
        var message = Assert.Single(KillChain.BotMessages(bot, thread));
        Assert.Equal(triage.ReplyTs, (string?)message["ts"]);
        Assert.Contains("CartService.Total dereferences", message.ToJsonString(), StringComparison.Ordinal);
        await using var db = bot.Db();
        Assert.Equal(bot.OpenAI.CompletionRequests.Count - lost, await db.ModelUsage.CountAsync(Ct));
        Assert.Single(await db.Triages.AsNoTracking().ToListAsync(Ct));
    }
}
