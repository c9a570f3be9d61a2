namespace ChatTriageBot.CodeContext;

/// <summary>One frame of a stack trace. <see cref="Path"/> is null for frames without file information.</summary>
internal sealed record StackFrameReference(StackFrameLanguage Language, string? Path, int? Line, string? Symbol);
