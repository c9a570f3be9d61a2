namespace ChatTriageBot.CodeContext;

/// <summary>How a run of the git executable ended.</summary>
internal sealed record GitCommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line of standard error: git's own summary of what went wrong.</summary>
    public string ErrorSummary =>
        StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? $"exit code {ExitCode}";
}
