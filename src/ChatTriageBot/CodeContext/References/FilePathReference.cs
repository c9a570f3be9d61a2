namespace ChatTriageBot.CodeContext;

/// <summary>A file path written in the text, normalised to forward slashes, with the line (and column) when given.</summary>
internal sealed record FilePathReference(string Path, int? Line = null, int? Column = null);
