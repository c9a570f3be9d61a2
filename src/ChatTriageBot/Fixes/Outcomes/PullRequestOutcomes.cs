using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Records what became of a pull request the bot opened, once: the outcome row is unique per fix, and the job that
/// tells the thread is written in the same transaction, so whichever notices first (the poll or the webhook, in any
/// process) records it and queues the one message, and the other changes nothing.
/// </summary>
internal sealed class PullRequestOutcomes(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, TimeProvider timeProvider, ILogger<PullRequestOutcomes> logger)
{
    /// <summary>The fixes whose pull request is open as far as the bot knows (no outcome recorded yet).</summary>
    public async Task<IReadOnlyList<FixRecord>> OpenAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Fixes.AsNoTracking()
            .Where(f => f.PullRequestNumber != null && f.PullRequestRepository != null && !db.PullRequestOutcomes.Any(o => o.FixId == f.Id))
            .OrderBy(f => f.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The fix whose pull request this is, or null when the bot did not open it.</summary>
    public async Task<FixRecord?> FindAsync(string repository, int number, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Fixes.AsNoTracking().Where(f => f.PullRequestNumber == number && f.PullRequestRepository != null).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(f => string.Equals(f.PullRequestRepository, repository, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Records the outcome and queues the thread's message; false when it was recorded before.</summary>
    public async Task<bool> RecordAsync(FixRecord fix, PullRequestOutcome outcome, string? by, DateTimeOffset at, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fix);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.PullRequestOutcomes.AnyAsync(o => o.FixId == fix.Id, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PullRequestOutcomes.Add(new PullRequestOutcomeRecord
        {
            FixId = fix.Id,
            Repository = fix.PullRequestRepository!,
            Number = fix.PullRequestNumber!.Value,
            Outcome = outcome,
            By = by,
            At = at,
            Source = source,
            RecordedAt = timeProvider.GetUtcNow(),
        });
        jobs.Add(db, PullRequestOutcomeJobHandler.Kind, new PullRequestOutcomeJob(fix.Id), FixesJsonContext.Default.PullRequestOutcomeJob, dedupeKey: $"pr-outcome:{fix.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // The other way of noticing (or another replica) recorded it between our look and our write.
            return false;
        }

        jobs.Notify();
        FixesLog.OutcomeRecorded(logger, fix.PullRequestRepository!, fix.PullRequestNumber!.Value, fix.Id, outcome.ToString().ToLowerInvariant(), source);
        return true;
    }
}
