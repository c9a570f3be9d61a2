namespace ChatTriageBot.Fixes;

/// <summary>
/// Bound from the <c>Fixes</c> section: the checks a patch must pass before it is offered as a pull request, and how
/// often the pull requests the bot opened are looked at.
/// </summary>
internal sealed class FixesOptions
{
    public const string Section = "Fixes";

    /// <summary>
    /// Paths a patch may never touch when <c>Fixes__ProtectedPaths__N</c> is not set: CI workflows, environment and key
    /// files, anything named like a secret, and dependency lock files.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultProtectedPaths =
    [
        ".github/workflows/**", "**/.env*", "**/*.pem", "**/*.key", "**/secrets*",
        "**/*.lock", "**/package-lock.json", "**/npm-shrinkwrap.json", "**/pnpm-lock.yaml", "**/go.sum", "**/packages.lock.json",
    ];

    /// <summary>Globs (gitignore-style, matched without regard to case); setting any replaces the defaults.</summary>
    public List<string> ProtectedPaths { get; } = [];

    public int MaxFiles { get; set; } = 10;

    /// <summary>Lines added plus lines removed.</summary>
    public int MaxChangedLines { get; set; } = 200;

    /// <summary>How long a repository's check command may run before its whole process group is killed.</summary>
    public int CheckTimeoutSeconds { get; set; } = 300;

    /// <summary>How often open pull requests the bot opened are looked at (0 turns the poll off; the webhook still works).</summary>
    public int PullRequestPollMinutes { get; set; } = 5;

    public IReadOnlyList<string> EffectiveProtectedPaths => ProtectedPaths.Count > 0 ? ProtectedPaths : DefaultProtectedPaths;

    public TimeSpan CheckTimeout => TimeSpan.FromSeconds(CheckTimeoutSeconds);
}
