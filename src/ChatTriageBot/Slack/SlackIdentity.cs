namespace ChatTriageBot.Slack;

/// <summary>Who the bot is in the workspace, from <c>auth.test</c>: used to ignore its own messages.</summary>
internal sealed record SlackIdentity(string UserId, string? BotId, string TeamId, string? Url);
