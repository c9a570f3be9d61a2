namespace ChatTriageBot.CodeContext;

/// <summary>A ranked file (or part of one) that was not sent, and why.</summary>
internal sealed record LeftOutFile(string Path, string Reason);
