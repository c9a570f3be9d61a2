namespace ChatTriageBot.Slack;

/// <summary>A message read back from Slack (history or a thread's replies). Every ts stays a string.</summary>
internal sealed record ThreadMessage(string Ts, string? User, string? BotId, string Text, string? ThreadTs, string? Subtype)
{
    public IReadOnlyList<SlackFile> Files { get; init; } = [];

    /// <summary>The message's metadata, when it has some and it was asked for.</summary>
    public SlackMessageMetadata? Metadata { get; init; }
}
