using System.ComponentModel.DataAnnotations;

namespace ChatTriageBot.CodeContext;

/// <summary>Bound from the <c>GitHub</c> section.</summary>
internal sealed class GitHubOptions
{
    public const string Section = "GitHub";

    /// <summary>Personal access or installation token; anonymous when empty. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// REST API root. <c>https://api.github.com/</c> for github.com; for GitHub Enterprise Server (and the fake server in
    /// tests) either <c>https://host/</c> or <c>https://host/api/v3/</c> works, Octokit serves both from <c>/api/v3/</c>.
    /// </summary>
    [Required(ErrorMessage = "GitHub__ApiBaseUrl is required.")]
    public Uri ApiBaseUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Timeout of one GitHub request.</summary>
    [Range(1, 600, ErrorMessage = "GitHub__TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}
