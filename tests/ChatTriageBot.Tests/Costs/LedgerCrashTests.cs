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
/// paid for is in the ledger once, and the restarted job posts the answer it recorded instead of paying for another.
/// </summary>
public sealed class LedgerCrashTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AProcessKilledAfterTheModelAnswered_LeavesItsCallInTheLedgerOnce_AndTheRerunDoesNotAskAgain()
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
        // Would the re-run ask again, this second answer would be its (and a second ledger row).
        openai.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2500, completionTokens: 390, id: "chatcmpl-second");
        var environment = BotEnvironment(work, repo, slack, openai);

        await using (var first = AppProcess.Start(work.Path, environment))
        {
            await first.WaitForOutputAsync("Application started", Wait);
            await EnqueueTriageAsync(work);
            await openai.WaitForCompletionRequestAsync(timeout: Wait, cancellationToken: Ct);
            // The first thread update after the model was asked is the answer's: it hangs, and the process is killed
            // after the model answered and before the thread heard.
            var answerShown = slack.Hold(r => r.Path == FakeSlackServer.ApiPath + "chat.update", HoldPoint.BeforeEffect);
            await answerShown.Arrived.WaitAsync(Wait, Ct);
            await WaitForCallsAsync(work, 1);
            first.Kill();
            answerShown.Release();
        }

        await using var second = AppProcess.Start(work.Path, environment);
        var (_, triage) = await WaitForDoneAsync(work);

        await using var services = ChatTriageBot.Tests.Jobs.CrashRecoveryTests.Storage(work);
        await using var db = services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
        var calls = await db.ModelUsage.AsNoTracking().OrderBy(u => u.Id).ToListAsync(Ct);
        var call = Assert.Single(calls);
        Assert.Equal(("chatcmpl-first", 2400L, 380L), (call.ResponseId, call.InputTokens, call.OutputTokens));
        Assert.Equal((triage.Id, UsageOperations.Diagnosis), (call.TriageId!.Value, call.Operation));
        Assert.Single(openai.CompletionRequests);
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
