namespace ChatTriageBot.Llm;

/// <summary>A piece of code given to the model: a repository path and the text of lines <c>StartLine..EndLine</c>.</summary>
public sealed record PromptSection(string Path, int StartLine, int EndLine, string Text);
