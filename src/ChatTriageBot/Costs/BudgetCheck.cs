namespace ChatTriageBot.Costs;

/// <summary>The decision and, unless allowed, the polite text for the thread (which cap, spent against cap, when it resets).</summary>
internal sealed record BudgetCheck(BudgetOutcome Outcome, string? Message)
{
    public static readonly BudgetCheck Allowed = new(BudgetOutcome.Allowed, null);
}
