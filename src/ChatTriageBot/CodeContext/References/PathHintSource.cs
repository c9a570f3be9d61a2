namespace ChatTriageBot.CodeContext;

/// <summary>Where a <see cref="PathHint"/> came from.</summary>
public enum PathHintSource
{
    GitHubLink,
    FilePath,
    StackFrame,
}
