using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The Slack layer's dedupe ledger on the bot's database: a claim inserts every key and fails as a whole when any key
/// exists (a unique primary key makes that hold across processes and replicas). Claims arriving together are written in
/// one transaction (<see cref="StorageWriter"/>). Keys are kept for <see cref="Retention"/>, far past Slack's retry
/// window (about 5 minutes, or 24 hours with Delayed Events); expired keys are deleted by the batch that grants the
/// first claim after start and every <see cref="ExpireEvery"/>-th after it, in that batch's transaction. Handlers that
/// queue work claim with that work instead (the triage of a mention, see <see cref="ISlackClaimingEventHandler"/>), so
/// a delivery is never accepted without its work. It lives in the composition root because it joins two parts that may
/// not use each other: the Slack layer's seam and the bot's storage.
/// </summary>
internal sealed class SlackDeliveryLedger : ISlackDeliveryLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public const int ExpireEvery = 5000;

    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly StorageWriter _writer;
    private readonly TimeProvider _timeProvider;
    private readonly GroupWrite<IReadOnlyList<string>, bool> _claim;
    private long _granted;

    public SlackDeliveryLedger(IDbContextFactory<TriageDbContext> databases, StorageWriter writer, TimeProvider timeProvider)
    {
        _databases = databases;
        _writer = writer;
        _timeProvider = timeProvider;
        _claim = new GroupWrite<IReadOnlyList<string>, bool>(ClaimBatchAsync, ClaimAloneAsync);
    }

    public async Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0 || await _writer.RunAsync(_claim, [.. keys.Distinct(StringComparer.Ordinal)], cancellationToken);
    }

    public async Task ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await db.SlackDeliveries.Where(d => keys.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<bool>> ClaimBatchAsync(TriageDbContext db, IReadOnlyList<IReadOnlyList<string>> claims, CancellationToken cancellationToken) =>
        await ClaimAsync(db, claims, cancellationToken);

    private async Task<bool> ClaimAloneAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var granted = (await ClaimAsync(db, [keys], cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return granted;
    }

    /// <summary>
    /// One insert for every key of the batch, skipping keys stored before. A claim sharing a key with an earlier one
    /// in the same batch (the same mention delivered as app_mention and as message) is refused; the keys a refused
    /// claim did write are taken back.
    /// </summary>
    private async Task<bool[]> ClaimAsync(TriageDbContext db, IReadOnlyList<IReadOnlyList<string>> claims, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
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

        // Claims are numbered from 0 as they are granted; the batch that grants a multiple of ExpireEvery expires keys.
        var granted = results.Count(r => r);
        var before = Interlocked.Add(ref _granted, granted) - granted;
        if (granted > 0 && (before % ExpireEvery == 0 || before / ExpireEvery != (before + granted - 1) / ExpireEvery))
        {
            var cutoff = now - Retention;
            await db.SlackDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return results;
    }
}
