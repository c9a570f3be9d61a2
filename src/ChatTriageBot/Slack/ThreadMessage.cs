namespace ChatTriageBot.Slack;

/// <summary>A message read back from Slack (history or a thread's replies). Every ts stays a string.</summary>
internal sealed record ThreadMessage(string Ts, string? User, string? BotId, string Text, string? ThreadTs, string? Subtype)
{
    public IReadOnlyList<SlackFile> Files { get; init; } = [];
}
