using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One Slack Web API call as <see cref="FakeSlackServer"/> received it.</summary>
/// <param name="Method">Web API method, e.g. <c>chat.postMessage</c>.</param>
/// <param name="Arguments">
/// Query, form and JSON arguments merged into strings: JSON strings as their value, other JSON values (blocks, booleans,
/// numbers) as JSON text, the same shape as form-encoded structured arguments.
/// </param>
/// <param name="Json">The JSON body when the call was sent as JSON (null for form bodies and for malformed JSON).</param>
/// <param name="Authorization">The Authorization header as sent, e.g. <c>Bearer xoxb-…</c>.</param>
/// <param name="Request">The raw request.</param>
public sealed record SlackCall(
    string Method,
    IReadOnlyDictionary<string, string> Arguments,
    JsonElement? Json,
    string? Authorization,
    RecordedRequest Request)
{
    /// <summary>The bearer token, or null when there was none.</summary>
    public string? Token =>
        Authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;

    /// <summary>True when the body was <c>application/json</c>.</summary>
    public bool IsJsonBody => Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>True when the body was <c>application/x-www-form-urlencoded</c>.</summary>
    public bool IsFormBody =>
        Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>An argument, or null when the call did not send it.</summary>
    public string? Argument(string name) => Arguments.TryGetValue(name, out var value) ? value : null;

    /// <summary>The buttons of a message this call posted or updated (every element of its actions blocks), in order.</summary>
    public IReadOnlyList<JsonNode> Buttons() =>
        Argument("blocks") is { } blocks
            ? [.. JsonNode.Parse(blocks)!.AsArray()
                .Where(b => (string?)b!["type"] == "actions")
                .SelectMany(b => b!["elements"]!.AsArray())
                .Select(e => e!)]
            : [];

    /// <summary>Reads a call from a request to <c>/api/{method}</c>.</summary>
    public static SlackCall From(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Path.StartsWith(FakeSlackServer.ApiPath, StringComparison.Ordinal)
            ? request.Path[FakeSlackServer.ApiPath.Length..]
            : request.Path;
        var arguments = new Dictionary<string, string>(request.Query, StringComparer.Ordinal);
        JsonElement? json = null;
        var contentType = request.ContentType ?? string.Empty;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            json = TryParseJson(request);
            if (json is { ValueKind: JsonValueKind.Object } body)
            {
                foreach (var property in body.EnumerateObject())
                {
                    arguments[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }
        }
        else if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (name, value) in new FormReader(request.BodyText).ReadForm())
            {
                arguments[name] = value.ToString();
            }
        }

        return new SlackCall(method, arguments, json, request.Authorization, request);
    }

    private static JsonElement? TryParseJson(RecordedRequest request)
    {
        try
        {
            return request.JsonBody();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
