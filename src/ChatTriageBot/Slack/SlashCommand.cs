namespace ChatTriageBot.Slack;

/// <summary>A slash command invocation (form fields over HTTP, a JSON payload over Socket Mode).</summary>
internal sealed record SlashCommand
{
    public required string Command { get; init; }

    public string Text { get; init; } = string.Empty;

    public required string UserId { get; init; }

    public string? ChannelId { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    public static SlashCommand? FromFields(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var command = field("command");
        var user = field("user_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user))
        {
            return null;
        }

        return new SlashCommand
        {
            Command = command.Trim(),
            Text = field("text") ?? string.Empty,
            UserId = user,
            ChannelId = field("channel_id"),
            TeamId = field("team_id"),
            ApiAppId = field("api_app_id"),
            ResponseUrl = field("response_url"),
            TriggerId = field("trigger_id"),
        };
    }
}
