namespace ChatTriageBot.CodeContext;

/// <summary>
/// The retrieval manifest of one triage: what was sent (files, line ranges, tokens per section), at which commit,
/// and what was left out and why.
/// </summary>
internal sealed record PackedContext(string Commit, int Budget, int TotalTokens, IReadOnlyList<PackedSection> Sections, IReadOnlyList<LeftOutFile> LeftOut);
