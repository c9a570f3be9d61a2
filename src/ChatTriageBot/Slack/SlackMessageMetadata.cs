using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>
/// Slack message metadata (<c>metadata</c> on <c>chat.postMessage</c>): an event type and a small JSON payload carried
/// by the message, invisible to people and read back with <c>include_all_metadata</c>. A post tagged with its key can be
/// found again, so a job re-run after a crash does not post twice.
/// </summary>
internal sealed record SlackMessageMetadata(string EventType, JsonObject Payload)
{
    public JsonObject ToJson() => new() { ["event_type"] = EventType, ["event_payload"] = Payload.DeepClone() };
}
