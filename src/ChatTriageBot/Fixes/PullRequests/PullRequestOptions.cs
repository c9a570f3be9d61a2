namespace ChatTriageBot.Fixes;

/// <summary>
/// The pull-request settings of the <c>GitHub</c> section (the token and API address are CodeContext's
/// <see cref="CodeContext.GitHubOptions"/>, bound from the same section): labels for the draft pull requests the bot
/// opens, and the secret GitHub signs its webhook deliveries with.
/// </summary>
internal sealed class PullRequestOptions
{
    public const string Section = "GitHub";

    /// <summary><c>GitHub__PullRequestLabels__N</c>: labels added to every draft pull request (none by default).</summary>
    public List<string> PullRequestLabels { get; } = [];

    /// <summary><c>GitHub__WebhookSecret</c>: <c>POST /github/webhook</c> answers 404 until it is set. Never logged.</summary>
    public string? WebhookSecret { get; set; }
}
