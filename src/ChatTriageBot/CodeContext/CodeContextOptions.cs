namespace ChatTriageBot.CodeContext;

/// <summary>Bound from the <c>CodeContext</c> section: limits for reading repositories.</summary>
internal sealed class CodeContextOptions
{
    public const string Section = "CodeContext";

    /// <summary>Files larger than this are listed but not read (reported as skipped). Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one <c>git clone --mirror</c> or <c>git fetch</c> may run. Default 10 minutes.</summary>
    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often every configured repository's mirror is fetched in the background (and its index warmed); 0 turns it off. Default 15.</summary>
    public int FetchIntervalMinutes { get; set; } = 15;

    /// <summary>A triage fetches its mirror first unless it was fetched this recently (a burst shares one fetch). Default 15 s.</summary>
    public int FetchOnDemandAfterSeconds { get; set; } = 15;

    /// <summary>
    /// The GitHub token (<c>GitHub__Token</c>, copied here at start-up), sent to the GitHub host only, per git
    /// invocation, as an HTTP header: never in a remote URL, a git config file or a command line.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>The host the token is for (github.com, or the GitHub Enterprise host).</summary>
    public string? AccessTokenHost { get; set; }
}
