using System.Globalization;
using ChatTriageBot.Costs;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Triage;

/// <summary>
/// The triage's side of cost control: before a model call, estimate it from the counted tokens and the price table
/// and check the caps; after it, record what it used in the usage ledger.
/// </summary>
internal sealed class SpendGate(PriceTable prices, Budget budget, UsageLedger ledger, DiagnosisService diagnosis)
{
    /// <summary>Checks a diagnosis call of <paramref name="inputTokens"/> against the caps.</summary>
    public Task<SpendDecision> CheckAsync(TriageRecord triage, int inputTokens, bool approved, CancellationToken cancellationToken) =>
        CheckAsync(triage, diagnosis.Model, inputTokens, diagnosis.MaxOutputTokens, triage.RequestedBy, approved, cancellationToken);

    /// <summary>Checks a call to <paramref name="model"/> for <paramref name="userId"/> against the caps.</summary>
    public async Task<SpendDecision> CheckAsync(TriageRecord triage, string model, int inputTokens, int maxOutputTokens, string? userId, bool approved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(triage);
        var estimate = prices.Estimate(model, inputTokens, maxOutputTokens);
        var description = estimate is { } usd
            ? string.Create(CultureInfo.InvariantCulture, $"{inputTokens:N0} tokens in, up to {maxOutputTokens:N0} out: at most {Budget.Usd(usd)}")
            : string.Create(CultureInfo.InvariantCulture, $"{inputTokens:N0} tokens in; the price of {model} is unknown");
        var check = await budget.CheckAsync(triage.Channel, userId, estimate, model, approved, cancellationToken);
        return check.Outcome switch
        {
            BudgetOutcome.Refused => new SpendDecision(description, Refused: check.Message),
            BudgetOutcome.NeedsApproval => new SpendDecision(description, NeedsApproval: check.Message),
            _ => new SpendDecision(description),
        };
    }

    /// <summary>Records the call in the ledger; returns its cost (null when the model's price is unknown).</summary>
    public Task<decimal?> RecordAsync(TriageRecord triage, string purpose, ModelUsage usage, CancellationToken cancellationToken, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(triage);
        return ledger.RecordAsync(new UsageEntry(triage.Id, purpose, userId ?? triage.RequestedBy, triage.Channel, triage.Repository), usage, cancellationToken);
    }
}
