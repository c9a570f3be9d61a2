namespace ChatTriageBot.CodeContext;

/// <summary>Bound from the <c>CodeContext</c> section: limits for reading repositories.</summary>
public sealed class CodeContextOptions
{
    public const string Section = "CodeContext";

    /// <summary>Files larger than this are listed but not read (reported as skipped). Default 1 MiB.</summary>
    public long MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one <c>git clone --mirror</c> or <c>git fetch</c> may run. Default 10 minutes.</summary>
    public TimeSpan GitTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
