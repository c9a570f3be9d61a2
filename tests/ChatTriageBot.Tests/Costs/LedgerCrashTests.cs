using ChatTriageBot.Costs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatTriageBot.Tests.Jobs.CrashRecoveryTests;

namespace ChatTriageBot.Tests.Costs;

/// <summary>
/// A real bot process killed (SIGKILL) after the model answered and before the answer reached the thread: the call it
/// paid for is in the ledger, and the restarted job's own call is recorded once beside it.
/// </summary>
public sealed class LedgerCrashTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProcessKilledAfterTheModelAnswered_LeavesItsCallInTheLedger_AndTheRerunsCallIsRecordedOnce()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var slack = new FakeSlackServer();
        await using var openai = new FakeOpenAIServer();
        await slack.StartAsync(Ct);
        await openai.StartAsync(Ct);
        slack.AddMessage(Channel, ThreadTs, SampleShop.CustomerReport, user: "U0CUSTOMER");
        slack.AddMessage(Channel, MentionTs, $"<@{slack.BotUserId}> can you look at this?", user: "U0ENGINEER", threadTs: ThreadTs);
        openai.RespondSlowly(TimeSpan.FromSeconds(1));
        openai.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2400, completionTokens: 380, id: "chatcmpl-first");
        openai.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2500, completionTokens: 390, id: "chatcmpl-second");
        var environment = BotEnvironment(work, repo, slack, openai);

        await using (var first = AppProcess.Start(work.Path, environment))
        {
            await first.WaitForOutputAsync("Application started", Wait);
            await EnqueueTriageAsync(work);
            await openai.WaitForCompletionRequestAsync(timeout: Wait, cancellationToken: Ct);
            // The answer's update hangs: the process is killed after the model answered and before the thread heard.
            slack.RespondSlowly("chat.update", TimeSpan.FromMinutes(5));
            await WaitForCallsAsync(work, 1);
            first.Kill();
        }

        await using var second = AppProcess.Start(work.Path, environment);
        await WaitForCallsAsync(work, 2);
        var (_, triage) = await WaitForDoneAsync(work);

        await using var services = ChatTriageBot.Tests.Jobs.CrashRecoveryTests.Storage(work);
        await using var db = services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
        var calls = await db.ModelUsage.AsNoTracking().OrderBy(u => u.Id).ToListAsync(Ct);
        Assert.Equal(["chatcmpl-first", "chatcmpl-second"], calls.Select(c => c.ResponseId));
        Assert.All(calls, c => Assert.Equal((triage.Id, UsageOperations.Diagnosis), (c.TriageId!.Value, c.Operation)));
        Assert.Equal([2400L, 2500L], calls.Select(c => c.InputTokens));
    }

    private static async Task WaitForCallsAsync(TempDirectory work, int count)
    {
        var until = DateTime.UtcNow + Wait;
        await using var services = ChatTriageBot.Tests.Jobs.CrashRecoveryTests.Storage(work);
        while (true)
        {
            await using (var db = services.GetRequiredService<TriageDbContextFactory>().CreateDbContext())
            {
                if (await db.ModelUsage.CountAsync(Ct) >= count)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < until, $"fewer than {count} model calls were recorded");
            await Task.Delay(50, Ct);
        }
    }
}
