using ChatTriageBot.Hosting;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Records a triage and queues the job that performs it. One mention (channel + ts) yields at most one triage, however
/// often it is delivered: the job's dedupe key is the mention.
/// </summary>
public sealed class TriageQueue(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, TimeProvider timeProvider)
{
    public async Task<(long TriageId, bool Created)> EnqueueAsync(SlackTriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var triage = new TriageRecord
        {
            Source = "slack",
            TeamId = request.TeamId,
            Channel = request.Channel,
            ThreadTs = request.ThreadTs,
            MentionTs = request.MentionTs,
            RequestedBy = request.UserId,
            Repository = request.Repository,
            CreatedAt = timeProvider.GetUtcNow(),
        };

        // The triage row and its job commit together: either both exist or neither does.
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                db.Triages.Add(triage);
                await db.SaveChangesAsync(cancellationToken);
                jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triage.Id), AppJsonContext.Default.TriageJob, $"triage:{request.Channel}:{request.MentionTs}");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
            {
                // The unique (channel, mention ts) index: a delivery of the same mention recorded it first.
                await transaction.RollbackAsync(cancellationToken);
                await using var again = await databases.CreateDbContextAsync(cancellationToken);
                var winner = await again.Triages.AsNoTracking()
                    .Where(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs)
                    .Select(t => t.Id)
                    .FirstAsync(cancellationToken);
                return (winner, false);
            }
        }

        jobs.Notify();
        return (triage.Id, true);
    }

    /// <summary>
    /// A triage that waited for a repository gets one and is queued again. Only the first choice counts: a second
    /// click (or a click on an old message) finds the triage no longer waiting and changes nothing.
    /// </summary>
    public Task<bool> ResumeWithRepositoryAsync(long triageId, string repository, CancellationToken cancellationToken) =>
        ResumeAsync(triageId, [TriageStatus.AwaitingRepository], TriageJobMode.Normal, repository, cancellationToken);

    /// <summary>
    /// Queues a triage again when it is in one of the <paramref name="from"/> states (a button's answer: retry,
    /// approve, reuse, diagnose anyway). The state changes and the job is added in one transaction, so of two quick
    /// clicks only the first queues anything.
    /// </summary>
    public async Task<bool> ResumeAsync(long triageId, IReadOnlyCollection<TriageStatus> from, TriageJobMode mode, string? repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var statuses = from.ToList();
        var updated = repository is null
            ? await db.Triages
                .Where(t => t.Id == triageId && statuses.Contains(t.Status))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, TriageStatus.Queued), cancellationToken)
            : await db.Triages
                .Where(t => t.Id == triageId && statuses.Contains(t.Status))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Repository, repository).SetProperty(t => t.Status, TriageStatus.Queued), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        jobs.Add(db, TriageJobHandler.Kind, new TriageJob(triageId) { Mode = mode }, AppJsonContext.Default.TriageJob);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        jobs.Notify();
        return true;
    }
}
