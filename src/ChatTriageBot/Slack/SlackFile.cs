namespace ChatTriageBot.Slack;

/// <summary>A file shared in a message; <see cref="UrlPrivate"/> is downloaded with the bot token.</summary>
internal sealed record SlackFile(string Id, string? Name, string? Mimetype, string? Filetype, long Size, string? UrlPrivate);
