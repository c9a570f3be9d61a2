namespace ChatTriageBot.Triage;

/// <summary>What the request points at, as shown in a report.</summary>
internal sealed record ReferenceSummary(
    IReadOnlyList<string> Paths,
    int StackFrames,
    IReadOnlyList<string> ErrorTypes,
    IReadOnlyList<string> Messages,
    IReadOnlyList<string> Identifiers,
    IReadOnlyList<string> Links);
