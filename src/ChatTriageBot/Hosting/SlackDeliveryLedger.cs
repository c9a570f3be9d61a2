using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The Slack layer's dedupe ledger on the bot's database: a claim inserts every key in one transaction and fails as a
/// whole when any key exists (a unique primary key makes that hold across processes and replicas). Keys are kept for
/// a week, far past Slack's retry window (about 5 minutes, or 24 hours with Delayed Events).
/// </summary>
public sealed class SlackDeliveryLedger(IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider) : ISlackDeliveryLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private long _claims;

    public async Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // No look-up first: the primary key refuses a key claimed before, which is the rare case.
        db.SlackDeliveries.AddRange(keys.Distinct(StringComparer.Ordinal).Select(key => new SlackDeliveryRecord { Key = key, ReceivedAt = now }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // Some key was claimed before (a duplicate delivery), possibly by another replica at the same moment.
            return false;
        }

        if (Interlocked.Increment(ref _claims) % 500 == 1)
        {
            var cutoff = now - Retention;
            await db.SlackDeliveries.Where(d => d.ReceivedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return true;
    }

    public async Task ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.SlackDeliveries.Where(d => keys.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken);
    }
}
