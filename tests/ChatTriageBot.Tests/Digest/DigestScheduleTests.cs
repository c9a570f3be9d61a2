using System.Text.Json.Nodes;
using ChatTriageBot.Digest;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace ChatTriageBot.Tests.Digest;

/// <summary>
/// The digest is posted once a week, once: the real app on a real SQLite file, its clock a fake one that the test
/// moves across the due time, restarted in between, and two of them on one database.
/// </summary>
public sealed class DigestScheduleTests
{
    private const string Channel = "C0DIGEST";

    // Mon 23 Nov 2026: the digest is due at 09:00 in Berlin (+01:00), 08:00 UTC; it covers 2026-W47 (16 to 22 Nov).
    private static readonly DateTimeOffset BeforeDue = new(2026, 11, 23, 7, 59, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADigestDueWhileTheBotWasDown_IsPostedOnceWhenItComesBack_AndNotAgainAfterARestart()
    {
        using var data = new TempDirectory("ctb-digest");
        await using var slack = new FakeSlackServer();
        await slack.StartAsync(Ct);
        var clock = new FakeTimeProvider(BeforeDue);

        await using (var first = await StartAsync(data, slack, clock))
        {
            // Last week's digest fell due before this bot first ran: it is not posted.
            Assert.Equal(DigestStatus.Skipped, (await WaitForDigestAsync(first, "2026-W46")).Status);
        }

        Assert.Empty(DigestPosts(slack));
        clock.Advance(TimeSpan.FromHours(2));
        await using (var second = await StartAsync(data, slack, clock))
        {
            var row = await WaitForDigestAsync(second, "2026-W47", DigestStatus.Posted);
            Assert.Equal(BeforeDue.AddMinutes(1), row.DueAt);
        }

        var post = Assert.Single(DigestPosts(slack));
        Assert.Equal("2026-W47", JsonNode.Parse(post.Argument("metadata")!)!["event_payload"]!["period"]!.GetValue<string>());
        Assert.Single(slack.Uploads);

        clock.Advance(TimeSpan.FromHours(1));
        await using (var third = await StartAsync(data, slack, clock))
        {
            Assert.Equal(new DigestWeek(2026, 47), await third.Services.GetRequiredService<DigestScheduler>().EnsureDueAsync(atStartup: false, Ct));
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            await using var db = third.Services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
            Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == DigestJobHandler.Kind, Ct));
        }

        Assert.Single(DigestPosts(slack));
        Assert.Single(slack.Uploads);
    }

    [Fact]
    public async Task TwoBotsOnOneDatabase_WhoseSchedulesBothFire_PostTheDigestOnce()
    {
        using var data = new TempDirectory("ctb-digest");
        await using var slack = new FakeSlackServer();
        await slack.StartAsync(Ct);
        var clock = new FakeTimeProvider(BeforeDue);
        await using var first = await StartAsync(data, slack, clock);
        await using var second = await StartAsync(data, slack, clock);
        await WaitForDigestAsync(first, "2026-W46");

        clock.Advance(TimeSpan.FromMinutes(2));
        await Task.WhenAll(
            first.Services.GetRequiredService<DigestScheduler>().EnsureDueAsync(atStartup: false, Ct),
            second.Services.GetRequiredService<DigestScheduler>().EnsureDueAsync(atStartup: false, Ct));
        await WaitForDigestAsync(second, "2026-W47", DigestStatus.Posted);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);

        Assert.Single(DigestPosts(slack));
        Assert.Single(slack.Uploads);
        await using var db = first.Services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == DigestJobHandler.Kind, Ct));
    }

    [Fact]
    public async Task TheQuartzTrigger_FollowsDigestCronInDigestTimeZone_AndFiringItPostsTheDueDigest()
    {
        using var data = new TempDirectory("ctb-digest");
        await using var slack = new FakeSlackServer();
        await slack.StartAsync(Ct);
        var clock = new FakeTimeProvider(BeforeDue);
        await using var app = await StartAsync(data, slack, clock);
        await WaitForDigestAsync(app, "2026-W46");
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("weekly-digest-trigger", "digest"), Ct));
        Assert.Equal((DigestOptions.DefaultCron, "Europe/Berlin"), (trigger.CronExpressionString, trigger.TimeZone.Id));
        Assert.Equal(WeeklyDigestJob.Key, trigger.JobKey);

        clock.Advance(TimeSpan.FromMinutes(2));
        await scheduler.TriggerJob(WeeklyDigestJob.Key, Ct);
        await WaitForDigestAsync(app, "2026-W47", DigestStatus.Posted);
        Assert.Single(DigestPosts(slack));
    }

    private static async Task<AppFixture> StartAsync(TempDirectory data, FakeSlackServer slack, TimeProvider clock)
    {
        var app = new AppFixture { Clock = clock }
            .With("Data:Directory", data.Combine("data"))
            .With("Slack:ApiBaseUrl", slack.BaseUrl.ToString())
            .With("Slack:BotToken", slack.BotToken)
            .With("Digest:Channel", Channel)
            .With("Digest:TimeZone", "Europe/Berlin");

        // Every bot of a test opens the same database (on PostgreSQL, the one named after the shared folder).
        foreach (var (key, value) in TestDatabase.Settings(data))
        {
            app.With(key, value);
        }

        await app.InitializeAsync();
        _ = app.Services;
        return app;
    }

    private static IReadOnlyList<SlackCall> DigestPosts(FakeSlackServer slack) =>
        [.. slack.Calls("chat.postMessage").Where(c => c.Argument("channel") == Channel)];

    private static async Task<DigestRecord> WaitForDigestAsync(AppFixture app, string period, DigestStatus? status = null)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using (var db = app.Services.GetRequiredService<TriageDbContextFactory>().CreateDbContext())
            {
                if (await db.Digests.AsNoTracking().FirstOrDefaultAsync(d => d.Period == period, Ct) is { } row && (status is null || row.Status == status))
                {
                    return row;
                }
            }

            Assert.True(DateTime.UtcNow < until, $"the digest of {period} did not reach {status?.ToString() ?? "the table"}");
            await Task.Delay(50, Ct);
        }
    }
}
