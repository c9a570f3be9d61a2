using ChatTriageBot.Storage;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A fix as its thread message shows it: the stored details and the state around them (its pull request and what
/// became of it). <see cref="Triage.IButtonContributor{TSubject}"/>s of this type decide which buttons the message offers.
/// </summary>
internal sealed record FixView(long FixId, FixStatus Status, FixDetails Details)
{
    /// <summary><c>owner/name</c> on GitHub when the repository is on GitHub or the configured GitHub Enterprise host.</summary>
    public string? GitHubRepository { get; init; }

    public int Revision { get; init; }

    public int? PullRequestNumber { get; init; }

    public string? PullRequestUrl { get; init; }

    public string? PullRequestBy { get; init; }

    public string? DiscardedBy { get; init; }

    public PullRequestOutcome? Outcome { get; init; }

    /// <summary>The GitHub login that merged or closed the pull request.</summary>
    public string? OutcomeBy { get; init; }
}
