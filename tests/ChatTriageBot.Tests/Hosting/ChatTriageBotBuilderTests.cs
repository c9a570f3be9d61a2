using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>What the composition root schedules, read back from the real app.</summary>
public sealed class ChatTriageBotBuilderTests
{
    [Fact]
    public async Task Serve_WithoutAFetchInterval_RefreshesMirrorsEveryFifteenMinutes_StartingAMinuteAfterStart()
    {
        var before = TimeProvider.System.GetUtcNow();
        await using var app = await new AppFixture().StartAsync();
        var after = TimeProvider.System.GetUtcNow();

        var refresh = app.Services.GetRequiredService<MirrorRefreshService>();

        Assert.Equal(TimeSpan.FromMinutes(15), refresh.Interval);
        Assert.NotNull(refresh.FirstRunAt);
        Assert.InRange(refresh.FirstRunAt.Value, before.AddMinutes(1), after.AddMinutes(1));
    }

    [Fact]
    public async Task Serve_WithFetchIntervalZero_SchedulesNoMirrorRefresh()
    {
        await using var app = await new AppFixture().With("CodeContext:FetchIntervalMinutes", "0").StartAsync();

        var refresh = app.Services.GetRequiredService<MirrorRefreshService>();

        Assert.Null(refresh.Interval);
        Assert.Null(refresh.FirstRunAt);
    }
}
