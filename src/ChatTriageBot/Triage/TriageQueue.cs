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
        var dedupeKey = $"triage:{request.Channel}:{request.MentionTs}";
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var existing = await db.Triages.AsNoTracking()
            .Where(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs)
            .Select(t => (long?)t.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return (id, false);
        }

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
        db.Triages.Add(triage);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same mention recorded it first.
            await using var again = await databases.CreateDbContextAsync(cancellationToken);
            var winner = await again.Triages.AsNoTracking()
                .Where(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs)
                .Select(t => t.Id)
                .FirstAsync(cancellationToken);
            return (winner, false);
        }

        var job = await jobs.EnqueueAsync(TriageJobHandler.Kind, new TriageJob(triage.Id), AppJsonContext.Default.TriageJob, dedupeKey, cancellationToken: cancellationToken);
        return (triage.Id, job.Created);
    }
}
