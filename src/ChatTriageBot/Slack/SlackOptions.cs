namespace ChatTriageBot.Slack;

/// <summary>Bound from the <c>Slack</c> section. Tokens and secrets come from the environment, .env or user-secrets only.</summary>
internal sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Bot token (<c>xoxb-</c>) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>HTTP mode: the app's signing secret.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>More accepted signing secrets, for rotating one without downtime (<c>Slack__SigningSecrets__0</c>, ...).</summary>
    public List<string> SigningSecrets { get; } = [];

    /// <summary>Socket Mode: the app-level token (<c>xapp-</c>) with <c>connections:write</c>.</summary>
    public string? AppToken { get; set; }

    /// <summary><c>Http</c> (default) or <c>SocketMode</c>.</summary>
    public string Mode { get; set; } = SlackModes.Http;

    /// <summary>Optional: events addressed to another app id are dropped.</summary>
    public string? AppId { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Answer messages posted by other bots and apps too (off: avoids bot-to-bot loops).</summary>
    public bool RespondToOtherBots { get; set; }

    /// <summary>Largest request body accepted on the Slack endpoints (bytes); larger ones get 413.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How long one Web API call may take before it counts as failed (a <c>timeout</c>), in seconds.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long an HTTP endpoint waits for our own storage before answering 503 (Slack retries events later), in
    /// milliseconds; well under Slack's three seconds.
    /// </summary>
    public int AckDeadlineMilliseconds { get; set; } = 2500;

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    public TimeSpan AckDeadline => TimeSpan.FromMilliseconds(AckDeadlineMilliseconds);

    /// <summary>Socket Mode: a connection the server sent nothing on (not even a ping) for this long is replaced.</summary>
    public int SocketSilenceSeconds { get; set; } = 70;

    /// <summary>Socket Mode, development only: ask Slack to recycle connections every ~6 minutes (<c>debug_reconnects</c>).</summary>
    public bool SocketDebugReconnects { get; set; }

    public bool IsSocketMode => string.Equals(Mode, SlackModes.SocketMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>Every accepted signing secret, the main one first.</summary>
    public IReadOnlyList<string> AllSigningSecrets =>
        [.. new[] { SigningSecret }.Concat(SigningSecrets).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.Ordinal)];
}
