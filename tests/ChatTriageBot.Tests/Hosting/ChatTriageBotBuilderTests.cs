using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>What the composition root schedules, read back from the real app's Quartz scheduler.</summary>
public sealed class ChatTriageBotBuilderTests
{
    private static readonly TriggerKey MirrorRefreshTrigger = new("mirror-refresh-trigger", "code-context");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_WithoutAFetchInterval_RefreshesMirrorsEveryFifteenMinutes_StartingAMinuteAfterStart()
    {
        var before = TimeProvider.System.GetUtcNow();
        await using var app = await new AppFixture().StartAsync();

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
        var trigger = Assert.IsType<ISimpleTrigger>(await scheduler.GetTrigger(MirrorRefreshTrigger, Ct), exactMatch: false);
        var after = TimeProvider.System.GetUtcNow();

        Assert.Equal(TimeSpan.FromMinutes(15), trigger.RepeatInterval);
        Assert.Equal(MirrorRefreshJob.Key, trigger.JobKey);
        Assert.InRange(trigger.StartTimeUtc, before.AddMinutes(1), after.AddMinutes(1));
    }

    [Fact]
    public async Task Serve_WithFetchIntervalZero_SchedulesNoMirrorRefresh()
    {
        await using var app = await new AppFixture().With("CodeContext:FetchIntervalMinutes", "0").StartAsync();

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

        Assert.Null(await scheduler.GetTrigger(MirrorRefreshTrigger, Ct));
        Assert.Null(await scheduler.GetJobDetail(MirrorRefreshJob.Key, Ct));
    }
}
