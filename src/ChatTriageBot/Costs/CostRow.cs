namespace ChatTriageBot.Costs;

/// <summary>One line of a breakdown: a user, channel, model, repository or outcome (<see cref="Key"/> null: none recorded).</summary>
internal sealed record CostRow(string? Key, long Calls, long CostMicros, long InputTokens, long OutputTokens)
{
    public decimal CostUsd => Money.ToDollars(CostMicros);
}
