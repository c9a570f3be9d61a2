namespace ChatTriageBot.Storage;

/// <summary>
/// What became of a pull request the bot opened: merged or closed, by whom, and whether the merged change touched the
/// files the diagnosis blamed. One row per fix (unique): whoever records it first (the poll or the webhook) also
/// queues the one thread message about it.
/// </summary>
internal sealed class PullRequestOutcomeRecord
{
    public long Id { get; set; }

    public long FixId { get; set; }

    /// <summary><c>owner/name</c> on GitHub.</summary>
    public required string Repository { get; set; }

    public int Number { get; set; }

    public PullRequestOutcome Outcome { get; set; }

    /// <summary>The GitHub login that merged or closed it.</summary>
    public string? By { get; set; }

    /// <summary>When GitHub says it was merged or closed.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Which way it was noticed first: <c>poll</c> or <c>webhook</c>.</summary>
    public required string Source { get; set; }

    /// <summary>For a merge: whether the merged change touched a file the diagnosis cited as evidence (null until known, or when closed).</summary>
    public bool? TouchedBlamedFiles { get; set; }

    /// <summary>The files the merged change touched, one per line (null until known).</summary>
    public string? ChangedFiles { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

internal enum PullRequestOutcome
{
    Merged = 1,
    Closed = 2,
}
