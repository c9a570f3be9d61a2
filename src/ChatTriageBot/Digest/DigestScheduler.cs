using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Digest;

/// <summary>
/// Queues the digest that is due. Called when the schedule fires (<see cref="WeeklyDigestJob"/>) and once at start-up,
/// so a digest due while the bot was down is posted when it comes back. The week's row in <c>digests</c> (its key is
/// the week) and the job's dedupe key make it once, however many processes call this and however often. Only the most
/// recent due week is caught up; on a database that has never had a digest, the one due before the first start is
/// skipped, so a fresh install does not post last week's at once.
/// </summary>
internal sealed partial class DigestScheduler(
    DigestSchedule schedule,
    IDbContextFactory<TriageDbContext> databases,
    JobQueue jobs,
    IOptions<DigestOptions> options,
    TimeProvider timeProvider,
    ILogger<DigestScheduler> logger)
{
    /// <summary>Queues the last due week's digest unless it was posted, queued or skipped already; returns the week, if any was due.</summary>
    public async Task<DigestWeek?> EnsureDueAsync(bool atStartup, CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled || schedule.LastDue() is not { } due)
        {
            return null;
        }

        var period = due.Week.ToString();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var status = await db.Digests.AsNoTracking().Where(d => d.Period == period).Select(d => (DigestStatus?)d.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            var fresh = atStartup && !await db.Digests.AsNoTracking().AnyAsync(cancellationToken);
            db.Digests.Add(new DigestRecord
            {
                Period = period,
                Status = fresh ? DigestStatus.Skipped : DigestStatus.Pending,
                DueAt = due.DueAt,
                CreatedAt = timeProvider.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                status = fresh ? DigestStatus.Skipped : DigestStatus.Pending;
                if (fresh)
                {
                    Log.SkippedBeforeFirstStart(logger, period);
                }
            }
            catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
            {
                // Another process added the week at the same instant; its decision stands.
                await using var again = await databases.CreateDbContextAsync(cancellationToken);
                status = await again.Digests.AsNoTracking().Where(d => d.Period == period).Select(d => (DigestStatus?)d.Status).FirstAsync(cancellationToken);
            }
        }

        if (status == DigestStatus.Pending)
        {
            var queued = await jobs.EnqueueAsync(DigestJobHandler.Kind, new DigestJob(period), DigestJsonContext.Default.DigestJob, DigestJobHandler.DedupeKey(due.Week), cancellationToken: cancellationToken);
            if (queued.Created)
            {
                Log.Queued(logger, period, due.DueAt);
            }
        }

        return due.Week;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Digest {Period} (due {DueAt}) queued")]
        public static partial void Queued(ILogger logger, string period, DateTimeOffset dueAt);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Digest {Period} was due before the bot first ran here; not posted")]
        public static partial void SkippedBeforeFirstStart(ILogger logger, string period);
    }
}
