namespace ChatTriageBot.CodeContext;

/// <summary>A path the text points at, with the lines it points at when known.</summary>
internal sealed record PathHint(string Path, LineRange? Lines, PathHintSource Source);
