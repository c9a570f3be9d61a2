using System.Text.Json;

namespace ChatTriageBot.Slack;

/// <summary>A submitted modal (<c>view_submission</c>): who submitted it, its <c>callback_id</c> and <c>private_metadata</c>, and the inputs' values.</summary>
internal sealed record ViewSubmission
{
    public required string CallbackId { get; init; }

    public required string UserId { get; init; }

    public string? TeamId { get; init; }

    public string? ViewId { get; init; }

    /// <summary>What the modal's opener put in <c>private_metadata</c> (at most 3,000 chars), e.g. the id of what it is about.</summary>
    public string? PrivateMetadata { get; init; }

    /// <summary>Input values by <c>block_id</c>, then <c>action_id</c> (text inputs: their text; selects: the selected value).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Values { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);

    /// <summary>The value of one input, or null when it is absent or empty.</summary>
    public string? Value(string blockId, string actionId) =>
        Values.TryGetValue(blockId, out var block) && block.TryGetValue(actionId, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>The submission in an interaction payload, or null when the payload is not a readable <c>view_submission</c>.</summary>
    public static ViewSubmission? FromPayload(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || String(payload, "type") != "view_submission"
            || !payload.TryGetProperty("view", out var view) || view.ValueKind != JsonValueKind.Object
            || String(view, "callback_id") is not { Length: > 0 } callbackId
            || (payload.TryGetProperty("user", out var user) ? String(user, "id") : null) is not { Length: > 0 } userId)
        {
            return null;
        }

        var values = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        if (view.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
            && state.TryGetProperty("values", out var blocks) && blocks.ValueKind == JsonValueKind.Object)
        {
            foreach (var block in blocks.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object))
            {
                var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var input in block.Value.EnumerateObject().Where(i => i.Value.ValueKind == JsonValueKind.Object))
                {
                    inputs[input.Name] = String(input.Value, "value")
                        ?? (input.Value.TryGetProperty("selected_option", out var option) ? String(option, "value") : null);
                }

                values[block.Name] = inputs;
            }
        }

        return new ViewSubmission
        {
            CallbackId = callbackId,
            UserId = userId,
            TeamId = payload.TryGetProperty("team", out var team) ? String(team, "id") : null,
            ViewId = String(view, "id"),
            PrivateMetadata = String(view, "private_metadata"),
            Values = values,
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
