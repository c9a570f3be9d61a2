namespace ChatTriageBot.Costs;

/// <summary>Calls, money (millionths of a dollar) and tokens, as the ledger sums them.</summary>
internal sealed record CostTotals(long Calls, long UnpricedCalls, long CostMicros, long InputTokens, long CachedInputTokens, long OutputTokens, long ReasoningTokens)
{
    public static readonly CostTotals Zero = new(0, 0, 0, 0, 0, 0, 0);

    public decimal CostUsd => Money.ToDollars(CostMicros);
}
