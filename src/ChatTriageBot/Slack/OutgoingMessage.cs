using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>
/// A message to post. <see cref="Text"/> is always sent: it is the notification and accessibility fallback when
/// <see cref="Blocks"/> are given.
/// </summary>
internal sealed record OutgoingMessage(string Channel, string Text)
{
    public JsonArray? Blocks { get; init; }

    /// <summary>Reply in this thread (the parent message's ts).</summary>
    public string? ThreadTs { get; init; }

    public bool UnfurlLinks { get; init; }

    /// <summary>Tags the message so it can be found again (<see cref="SlackApiClient.GetHistoryAsync"/> reads it back).</summary>
    public SlackMessageMetadata? Metadata { get; init; }
}
