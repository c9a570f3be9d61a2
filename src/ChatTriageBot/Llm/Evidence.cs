namespace ChatTriageBot.Llm;

/// <summary>One cited piece of code: a repository path and an inclusive 1-based line range.</summary>
internal sealed record Evidence(string Path, int StartLine, int EndLine, string Why);
