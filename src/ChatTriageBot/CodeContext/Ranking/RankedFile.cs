namespace ChatTriageBot.CodeContext;

/// <summary>
/// A file ranked for a request: its score (higher is better), the line ranges worth reading (referenced lines first,
/// else the best-matching windows of about 40 lines) and why it ranked, in words.
/// </summary>
internal sealed record RankedFile(string Path, double Score, IReadOnlyList<LineRange> Ranges, IReadOnlyList<string> Reasons);
