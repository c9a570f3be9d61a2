using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Costs;

/// <summary>
/// The record of every model call (the <c>model_usage</c> table): tokens, cost from the price table, and whom it was
/// for. Caps, <c>/triage cost</c> and the digest read from it.
/// </summary>
internal sealed class UsageLedger(IDbContextFactory<TriageDbContext> databases, PriceTable prices, TimeProvider timeProvider)
{
    /// <summary>Records one call; returns its cost, or null when the model's price is unknown (recorded as 0, and said so).</summary>
    public async Task<decimal?> RecordAsync(UsageEntry entry, ModelUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(usage);
        var cost = prices.Cost(usage);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.ModelUsage.Add(new ModelUsageRecord
        {
            TriageId = entry.TriageId,
            Purpose = entry.Purpose,
            Model = usage.Model,
            InputTokens = usage.InputTokens,
            CachedInputTokens = usage.CachedInputTokens,
            OutputTokens = usage.OutputTokens,
            Cost = cost ?? 0,
            UserId = entry.UserId,
            Channel = entry.Channel,
            Repository = entry.Repository,
            CreatedAt = timeProvider.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return cost;
    }

    /// <summary>US dollars spent since <paramref name="since"/>, by everyone or only in a channel or only by a user.</summary>
    public async Task<decimal> SpentAsync(DateTimeOffset since, string? channel, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.ModelUsage.AsNoTracking().Where(u => u.CreatedAt >= since);
        if (channel is not null)
        {
            query = query.Where(u => u.Channel == channel);
        }

        if (userId is not null)
        {
            query = query.Where(u => u.UserId == userId);
        }

        // SQLite cannot sum decimals in SQL; a day's or a month's rows are few, so they are summed here.
        return (await query.Select(u => u.Cost).ToListAsync(cancellationToken)).Sum();
    }
}

/// <summary>Whom and what a model call was for.</summary>
internal sealed record UsageEntry(long? TriageId, string Purpose, string? UserId, string? Channel, string? Repository);
