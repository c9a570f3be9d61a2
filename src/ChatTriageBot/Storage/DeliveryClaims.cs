using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Storage;

/// <summary>
/// Claims of Slack deliveries' dedupe keys, written inside a group-commit batch (<see cref="StorageWriter"/>) so that
/// a claim can commit in the same transaction as the work it admits. A claim is granted when none of its keys was
/// stored before (a unique primary key makes that hold across processes and replicas). Keys are kept for
/// <see cref="Retention"/>, far past Slack's retry window (about 5 minutes, or 24 hours with Delayed Events); expired
/// keys are deleted by the batch that grants the first claim after start and every <see cref="ExpireEvery"/>-th after
/// it, in that batch's transaction.
/// </summary>
public sealed class DeliveryClaims(TimeProvider timeProvider)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public const int ExpireEvery = 5000;

    private long _granted;

    /// <summary>
    /// One insert for every key of the batch, skipping keys stored before. A claim sharing a key with an earlier one
    /// in the same batch (the same mention delivered as app_mention and as message) is refused; the keys a refused
    /// claim did write are taken back. An empty claim is always granted and writes nothing.
    /// </summary>
    public async Task<bool[]> ClaimAsync(TriageDbContext db, IReadOnlyList<IReadOnlyList<string>> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claims);
        var now = timeProvider.GetUtcNow();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        var tentative = new bool[claims.Count];
        var rows = new List<SlackDeliveryRecord>();
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].Any(inBatch.Contains))
            {
                continue;
            }

            tentative[i] = true;
            foreach (var key in claims[i])
            {
                inBatch.Add(key);
                rows.Add(new SlackDeliveryRecord { Key = key, ReceivedAt = now });
            }
        }

        var written = (await FastInsert.InsertAsync(db, rows, [nameof(SlackDeliveryRecord.Key)], cancellationToken))
            .Select(r => (string)r[0]!)
            .ToHashSet(StringComparer.Ordinal);
        var results = new bool[claims.Count];
        var giveBack = new List<string>();
        for (var i = 0; i < claims.Count; i++)
        {
            if (!tentative[i])
            {
                continue;
            }

            results[i] = claims[i].All(written.Contains);
            if (!results[i])
            {
                giveBack.AddRange(claims[i].Where(written.Contains));
            }
        }

        if (giveBack.Count > 0)
        {
            await db.SlackDeliveries.Where(d => giveBack.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        // Claims that wrote keys are numbered from 0 as they are granted; the batch that grants a multiple of
        // ExpireEvery expires keys. Empty claims (work queued outside a Slack delivery) are not counted.
        var granted = results.Where((r, i) => r && claims[i].Count > 0).Count();
        var before = Interlocked.Add(ref _granted, granted) - granted;
        if (granted > 0 && (before % ExpireEvery == 0 || before / ExpireEvery != (before + granted - 1) / ExpireEvery))
        {
            var cutoff = now - Retention;
            await db.SlackDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return results;
    }
}
