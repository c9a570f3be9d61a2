namespace ChatTriageBot.Costs;

internal enum BudgetOutcome
{
    Allowed,
    NeedsApproval,
    Refused,
}
