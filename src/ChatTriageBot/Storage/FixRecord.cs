namespace ChatTriageBot.Storage;

/// <summary>A fix proposed for a triage: the checked patch at the triage's pinned commit, and who asked for it.</summary>
internal sealed class FixRecord
{
    public long Id { get; set; }

    public long TriageId { get; set; }

    public required string RequestedBy { get; set; }

    public FixStatus Status { get; set; } = FixStatus.Generating;

    public string? Model { get; set; }

    public string? Summary { get; set; }

    /// <summary>The unified diff, which applies cleanly to the triage's commit.</summary>
    public string? Patch { get; set; }

    /// <summary>The bot's message about this fix in the thread.</summary>
    public string? ReplyTs { get; set; }

    public string? Error { get; set; }

    /// <summary>The draft pull request opened from this fix, once someone opens one.</summary>
    public string? PullRequestUrl { get; set; }

    /// <summary>When the draft pull request was opened, merged, or closed without merging (what the fix became).</summary>
    public DateTimeOffset? PullRequestOpenedAt { get; set; }

    public DateTimeOffset? PullRequestMergedAt { get; set; }

    public DateTimeOffset? PullRequestClosedAt { get; set; }

    /// <summary>For a merged pull request: whether the merged change touched a file the diagnosis blamed.</summary>
    public bool? MergeTouchedBlamedFiles { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

internal enum FixStatus
{
    Generating = 0,
    Ready = 1,
    Failed = 2,
}
