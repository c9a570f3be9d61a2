namespace ChatTriageBot.CodeContext;

/// <summary>Where a <see cref="PathHint"/> came from.</summary>
internal enum PathHintSource
{
    GitHubLink,
    FilePath,
    StackFrame,
}
