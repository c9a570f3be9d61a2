using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>Everything a triage found: the pinned commit, ranked files, what was sent to the model, and the diagnosis.</summary>
internal sealed record TriageReport
{
    public required string Repository { get; init; }

    /// <summary><c>owner/name</c> on GitHub when known; permalinks are built from it.</summary>
    public string? RepositoryName { get; init; }

    public required string Commit { get; init; }

    public required ReferenceSummary References { get; init; }

    public required IReadOnlyList<LocatedFile> Files { get; init; }

    public required PackedContext Context { get; init; }

    /// <summary>Null in offline mode (no model configured).</summary>
    public Diagnosis? Diagnosis { get; init; }

    /// <summary>Citations the model made that do not exist at the pinned commit; they were removed from the evidence.</summary>
    public IReadOnlyList<Evidence> DroppedEvidence { get; init; } = [];

    public ModelUsage? Usage { get; init; }

    /// <summary>What the model call cost in US dollars, from the price table; null when the model's price is unknown.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The thread whose diagnosis this report reuses (no model call was made), when it is a reuse.</summary>
    public Uri? ReusedFrom { get; init; }

    /// <summary>Things worth knowing that did not stop the triage (a stale mirror, a GitHub link that could not be read).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>What was redacted from the request before anything else happened: counts by kind, never values.</summary>
    public string Redaction { get; init; } = "nothing redacted";

    /// <summary>Why there is no diagnosis, when there is none.</summary>
    public string? Note { get; init; }

    public double ElapsedMs { get; init; }

    public string ShortCommit => Commit.Length > 10 ? Commit[..10] : Commit;

    /// <summary>A link to lines of a file at the pinned commit, or null when the repository is not on GitHub.</summary>
    public string? Permalink(string path, int start, int end) =>
        RepositoryName is null ? null : $"https://github.com/{RepositoryName}/blob/{Commit}/{path}#L{start}{(end > start ? $"-L{end}" : string.Empty)}";
}
