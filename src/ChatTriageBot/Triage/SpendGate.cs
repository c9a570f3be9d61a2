using System.Globalization;
using ChatTriageBot.Costs;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Triage;

/// <summary>
/// The triage's side of cost control: before a model call, estimate it from the counted tokens and the price table
/// and check the caps; around it, say whom it is for, so the usage ledger records it for this triage as the model answers.
/// </summary>
internal sealed class SpendGate(PriceTable prices, Budget budget, DiagnosisService diagnosis)
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
            ? string.Create(CultureInfo.InvariantCulture, $"{inputTokens:N0} tokens in, up to {maxOutputTokens:N0} out: at most {Money.Usd(usd)}")
            : string.Create(CultureInfo.InvariantCulture, $"{inputTokens:N0} tokens in; the price of {model} is unknown");
        var check = await budget.CheckAsync(triage.Channel, userId, estimate, model, approved, cancellationToken);
        return check.Outcome switch
        {
            BudgetOutcome.Refused => new SpendDecision(description, Refused: check.Message),
            BudgetOutcome.NeedsApproval => new SpendDecision(description, NeedsApproval: check.Message),
            _ => new SpendDecision(description),
        };
    }

    /// <summary>
    /// Tags the model calls made until the scope is disposed with this triage, the <paramref name="operation"/>
    /// (<see cref="UsageOperations"/>) and who asked, for the usage ledger.
    /// </summary>
    public static IDisposable Track(TriageRecord triage, string operation, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(triage);
        return UsageScope.Begin(new UsageTag(operation, triage.Id, userId ?? triage.RequestedBy, triage.Channel, triage.Repository));
    }

    /// <summary>What a call cost by the price table (null when the model's price is unknown), for the message that shows it.</summary>
    public decimal? Cost(ModelUsage usage) => prices.Cost(usage);
}
