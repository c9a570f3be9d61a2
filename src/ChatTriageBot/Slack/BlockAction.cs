using System.Text.Json;

namespace ChatTriageBot.Slack;

/// <summary>One clicked element of a <c>block_actions</c> payload, with where it was clicked and by whom.</summary>
internal sealed record BlockAction
{
    public required string ActionId { get; init; }

    public string? BlockId { get; init; }

    public string? Value { get; init; }

    public string? ActionTs { get; init; }

    public required string UserId { get; init; }

    public string? TeamId { get; init; }

    public string? ChannelId { get; init; }

    /// <summary>The ts of the message that holds the button.</summary>
    public string? MessageTs { get; init; }

    /// <summary>The thread of that message (its own ts when it is a thread parent).</summary>
    public string? ThreadTs { get; init; }

    public string? ResponseUrl { get; init; }

    public string? TriggerId { get; init; }

    /// <summary>The clicked elements of a <c>block_actions</c> payload (none for other interaction types).</summary>
    public static IReadOnlyList<BlockAction> FromPayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || String(payload, "type") != "block_actions"
            || !payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var user = payload.TryGetProperty("user", out var u) ? String(u, "id") : null;
        if (user is null)
        {
            return [];
        }

        var team = payload.TryGetProperty("team", out var t) ? String(t, "id") : null;
        var channel = payload.TryGetProperty("channel", out var c) ? String(c, "id") : null;
        string? messageTs = null;
        string? threadTs = null;
        if (payload.TryGetProperty("container", out var container))
        {
            channel ??= String(container, "channel_id");
            messageTs = String(container, "message_ts");
            threadTs = String(container, "thread_ts");
        }

        if (payload.TryGetProperty("message", out var message))
        {
            messageTs ??= String(message, "ts");
            threadTs ??= String(message, "thread_ts");
        }

        var result = new List<BlockAction>();
        foreach (var action in actions.EnumerateArray())
        {
            if (String(action, "action_id") is not { Length: > 0 } actionId)
            {
                continue;
            }

            result.Add(new BlockAction
            {
                ActionId = actionId,
                BlockId = String(action, "block_id"),
                Value = String(action, "value")
                    ?? (action.TryGetProperty("selected_option", out var option) ? String(option, "value") : null),
                ActionTs = String(action, "action_ts"),
                UserId = user,
                TeamId = team,
                ChannelId = channel,
                MessageTs = messageTs,
                ThreadTs = threadTs ?? messageTs,
                ResponseUrl = String(payload, "response_url"),
                TriggerId = String(payload, "trigger_id"),
            });
        }

        return result;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
