namespace ChatTriageBot.Costs;

/// <summary>
/// What became of the triage a model call was for, for <c>by outcome</c>: the furthest it got (a merged pull request
/// is a resolved ticket).
/// </summary>
internal static class CostOutcomes
{
    public const string Resolved = "resolved (pull request merged)";
    public const string PullRequestClosed = "pull request closed unmerged";
    public const string PullRequestOpen = "pull request open";
    public const string FixWritten = "fix written";
    public const string Diagnosed = "diagnosed";
    public const string Unfinished = "not finished (failed, over a cap, or waiting)";
    public const string NoTriage = "no triage";
}
