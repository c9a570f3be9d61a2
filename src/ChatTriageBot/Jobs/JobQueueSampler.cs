using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Jobs;

/// <summary>
/// Reads the queue's depth and the age of its oldest due job every few seconds for <see cref="JobsMetrics"/>, so a
/// scrape of <c>/metrics</c> never waits on the database.
/// </summary>
internal sealed class JobQueueSampler(IDbContextFactory<TriageDbContext> databases, JobsMetrics metrics, TimeProvider timeProvider, ILogger<JobQueueSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                metrics.Sample = await ReadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                JobsLog.SampleFailed(logger, exception.GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<JobQueueSample> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var groups = await db.Jobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Pending || j.Status == JobStatus.Running)
            .GroupBy(j => new { j.Kind, j.Status })
            .Select(g => new { g.Key.Kind, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var oldest = await db.Jobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Pending && j.RunAfter <= now) || (j.Status == JobStatus.Running && j.LeaseExpiresAt < now))
            .OrderBy(j => j.RunAfter)
            .Select(j => (DateTimeOffset?)j.RunAfter)
            .FirstOrDefaultAsync(cancellationToken);
        return new JobQueueSample(
            [.. groups.Select(g => new JobQueueSample.Group(g.Kind, g.Status.ToString().ToLowerInvariant(), g.Count))],
            oldest is { } due && due < now ? now - due : TimeSpan.Zero);
    }
}
