namespace ChatTriageBot.Fixes;

/// <summary>
/// What the fix message shows about a patch, kept with the fix (<c>DetailsJson</c>) so the message can be drawn again
/// when its state changes (a pull request opened, discarded, merged) without asking the model again.
/// </summary>
internal sealed record FixDetails
{
    public required string Summary { get; init; }

    /// <summary><c>owner/name</c> of the configured repository.</summary>
    public required string Repository { get; init; }

    /// <summary>The commit the patch applies to.</summary>
    public required string Commit { get; init; }

    public bool HasPatch { get; init; }

    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    public int Added { get; init; }

    public int Removed { get; init; }

    public string TestPlan { get; init; } = string.Empty;

    public string Risk { get; init; } = "medium";

    /// <summary>Edits the model proposed that could not be applied, with why.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    public IReadOnlyList<FixCheck> Checks { get; init; } = [];

    /// <summary>The footer: model, tokens and cost of the call that wrote it.</summary>
    public string Footer { get; init; } = string.Empty;

    /// <summary>For a revision: who asked for it (Slack user id).</summary>
    public string? RevisedBy { get; init; }

    /// <summary>Why the patch no longer applies to the default branch, when it is stale.</summary>
    public string? StaleReason { get; init; }

    /// <summary>The default branch's head the patch no longer applies to (where <b>Regenerate</b> writes it again).</summary>
    public string? StaleHead { get; init; }

    public bool ChecksPassed => HasPatch && Checks.Count > 0 && Checks.All(c => c.Passed);
}
