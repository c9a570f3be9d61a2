namespace ChatTriageBot.CodeContext;

/// <summary>One piece of code chosen for the model: lines <c>StartLine..EndLine</c> of <c>Path</c>, and its size in tokens.</summary>
internal sealed record PackedSection(string Path, int StartLine, int EndLine, int Tokens, string Reason, string Text);
