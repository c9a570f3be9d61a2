namespace ChatTriageBot.CodeContext;

/// <summary>A file of the tree that is not read as text, and why.</summary>
internal sealed record SkippedFile(string Path, long Size, SkipReason Reason);
