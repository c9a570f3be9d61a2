using System.Diagnostics;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Leases of a process that dies: another running worker takes the job within about 15 s (a 12 s lease renewed every
/// 4 s); on SIGTERM a process finishes the job it is working on within the grace period, or gives it back at the end of
/// it, and the next process resumes it at once. Real bot processes on one SQLite file.
/// </summary>
public sealed class LeaseTakeoverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeadWorkersJob_IsTakenByAnotherRunningWorkerWithinFifteenSeconds_AndAnsweredOnce()
    {
        await using var bot = await BotProcess.CreateAsync(("Jobs__InstanceId", "alpha"), ("OpenAI__ApiKey", string.Empty));
        await bot.StartAsync();
        // alpha posts the thread's message and dies before it hears back; beta must find that message, not post another.
        var held = bot.Slack.Hold(r => r.Path == FakeSlackServer.ApiPath + "chat.postMessage", HoldPoint.AfterEffect);
        var (thread, _) = await bot.MentionAsync();
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await using var beta = await bot.StartAnotherAsync(("Jobs__InstanceId", "beta"));

        var clock = Stopwatch.StartNew();
        bot.Kill();
        var job = await bot.WaitForAsync(db => db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => (j.LeaseOwner != null && EF.Functions.Like(j.LeaseOwner, "beta/%")) || j.Status == JobStatus.Succeeded, Ct), "beta to take the job");
        clock.Stop();

        Assert.True(clock.Elapsed <= TimeSpan.FromSeconds(15), $"beta took the dead worker's job after {clock.Elapsed.TotalSeconds:0.0} s");
        await bot.WaitForAsync(db => db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Status == TriageStatus.Completed, Ct), "the triage to complete");
        Assert.Single(KillChain.BotMessages(bot, thread));
        Assert.True(job.Attempts >= 2);
    }

    [Fact]
    public async Task Sigterm_WhileAJobWaitsOnSlack_GivesItBackAtTheEndOfTheGracePeriod_AndTheNextProcessResumesItAtOnce()
    {
        await using var bot = await BotProcess.CreateAsync(("Jobs__ShutdownGraceSeconds", "2"), ("OpenAI__ApiKey", string.Empty));
        await bot.StartAsync();
        var held = bot.Slack.Hold(r => r.Path == FakeSlackServer.ApiPath + "chat.postMessage", HoldPoint.BeforeEffect);
        var (thread, _) = await bot.MentionAsync();
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var clock = Stopwatch.StartNew();
        await bot.TerminateAsync(TimeSpan.FromSeconds(20));
        clock.Stop();

        Assert.True(bot.Process!.HasExited, "the bot did not stop on SIGTERM");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopping took {clock.Elapsed.TotalSeconds:0.0} s with a 2 s grace period");
        await using (var db = bot.Db())
        {
            var given = await db.Jobs.AsNoTracking().SingleAsync(Ct);
            Assert.Equal(JobStatus.Running, given.Status);
            Assert.Null(given.LeaseOwner);
            Assert.Equal(0, given.Attempts);
        }

        held.Release();
        await bot.StartAsync();
        await bot.WaitForAsync(db => db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.LeaseOwner != null || j.Status == JobStatus.Succeeded, Ct), "the next process to take the job back");
        var took = TimeProvider.System.GetUtcNow() - bot.ReadyAt;
        Assert.True(took <= KillChain.ResumeWithin, $"the next process took the job back {took.TotalSeconds:0.0} s after it was up");
        await bot.WaitForAsync(db => db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Status == TriageStatus.Completed, Ct), "the triage to complete");
        Assert.Single(KillChain.BotMessages(bot, thread));
    }

    [Fact]
    public async Task Sigterm_WhileAJobCanFinishWithinTheGracePeriod_FinishesIt()
    {
        await using var bot = await BotProcess.CreateAsync(("Jobs__ShutdownGraceSeconds", "20"), ("OpenAI__ApiKey", string.Empty));
        await bot.StartAsync();
        var held = bot.Slack.Hold(r => r.Path == FakeSlackServer.ApiPath + "chat.postMessage", HoldPoint.BeforeEffect);
        var (thread, _) = await bot.MentionAsync();
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        var stopping = bot.TerminateAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        held.Release();
        await stopping;

        Assert.True(bot.Process!.HasExited, "the bot did not stop on SIGTERM");
        await using var db = bot.Db();
        Assert.Equal(JobStatus.Succeeded, (await db.Jobs.AsNoTracking().SingleAsync(Ct)).Status);
        Assert.Equal(TriageStatus.Completed, (await db.Triages.AsNoTracking().SingleAsync(Ct)).Status);
        Assert.Single(KillChain.BotMessages(bot, thread));
    }
}
