namespace ChatTriageBot.Storage;

/// <summary>
/// A fix proposed for a triage: the checked patch, who asked for it, its message in the thread, and the draft pull
/// request opened from it.
/// </summary>
internal sealed class FixRecord
{
    public long Id { get; set; }

    public long TriageId { get; set; }

    public required string RequestedBy { get; set; }

    public FixStatus Status { get; set; } = FixStatus.Generating;

    public string? Model { get; set; }

    public string? Summary { get; set; }

    /// <summary>The unified diff, which applies cleanly to <see cref="BaseCommit"/>.</summary>
    public string? Patch { get; set; }

    /// <summary>The commit the patch was written for: the triage's pinned commit, or the head it was regenerated on.</summary>
    public string? BaseCommit { get; set; }

    /// <summary>0 for the first patch; each revision replaces the patch and counts up.</summary>
    public int Revision { get; set; }

    /// <summary>What the thread message shows about the patch and its checks (the fixes feature's JSON).</summary>
    public string? DetailsJson { get; set; }

    /// <summary>Every check before the patch is offered passed (paths, size, the repository's check command).</summary>
    public bool ChecksPassed { get; set; }

    /// <summary>The bot's message about this fix in the thread.</summary>
    public string? ReplyTs { get; set; }

    /// <summary>The patch file attached in the thread (replaced on revision).</summary>
    public string? PatchFileId { get; set; }

    public string? Error { get; set; }

    /// <summary>Who discarded the fix (Slack user id).</summary>
    public string? DiscardedBy { get; set; }

    /// <summary>Counts Open PR attempts that ended in a refusal, so a later click can try again.</summary>
    public int PullRequestAttempt { get; set; }

    /// <summary>The branch the pull request is opened from (<c>triage/&lt;id&gt;-&lt;slug&gt;</c>), fixed at the first attempt.</summary>
    public string? Branch { get; set; }

    /// <summary><c>owner/name</c> of the GitHub repository the pull request is in.</summary>
    public string? PullRequestRepository { get; set; }

    public int? PullRequestNumber { get; set; }

    /// <summary>The draft pull request opened from this fix, once someone opens one.</summary>
    public string? PullRequestUrl { get; set; }

    /// <summary>Who clicked Open PR (Slack user id).</summary>
    public string? PullRequestBy { get; set; }

    public DateTimeOffset? PullRequestOpenedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

internal enum FixStatus
{
    Generating = 0,
    Ready = 1,
    Failed = 2,

    /// <summary>Someone discarded it: no buttons, nothing more happens.</summary>
    Discarded = 3,

    /// <summary>The default branch moved and the patch no longer applies to its head; it can be regenerated there.</summary>
    Stale = 4,

    /// <summary>A draft pull request was opened from it.</summary>
    Published = 5,
}
