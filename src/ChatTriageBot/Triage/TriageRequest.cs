namespace ChatTriageBot.Triage;

/// <summary>One request to triage: which repository (path or URL) at which commit, and the text.</summary>
internal sealed record TriageRequest(string Repository, string? Commit, string Text)
{
    /// <summary>The engineer's own words (trusted); the <see cref="Text"/> is the customer's (untrusted data).</summary>
    public string Instruction { get; init; } = string.Empty;

    /// <summary><c>owner/name</c> when known, for permalinks (otherwise guessed from the clone URL or the origin remote).</summary>
    public string? RepositoryName { get; init; }

    /// <summary>How many ranked files to report.</summary>
    public int Top { get; init; } = 10;

    /// <summary>The diagnosis posted earlier in the same thread, when this is a follow-up.</summary>
    public string? EarlierDiagnosis { get; init; }

    /// <summary>Things found while assembling the request (an attachment too large to read, ...), shown with the report.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
