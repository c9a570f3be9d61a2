using System.Text.Json;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One <c>POST /v1/chat/completions</c> as <see cref="FakeOpenAIServer"/> received it.</summary>
/// <param name="Body">The parsed JSON body.</param>
/// <param name="Request">The raw request (headers such as Authorization).</param>
public sealed record ChatCompletionRequest(JsonElement Body, RecordedRequest Request)
{
    /// <summary>The <c>model</c> field.</summary>
    public string? Model => Body.TryGetProperty("model", out var model) ? model.GetString() : null;

    /// <summary>The <c>messages</c> array.</summary>
    public JsonElement Messages => Body.GetProperty("messages");

    /// <summary>The <c>response_format</c> object, or null when none was sent.</summary>
    public JsonElement? ResponseFormat => Body.TryGetProperty("response_format", out var format) ? format : null;

    /// <summary>The API key from <c>Authorization: Bearer …</c>, or null.</summary>
    public string? ApiKey =>
        Request.Authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;

    /// <summary>The text content of each message, in order (array contents are joined), as <c>role: text</c>.</summary>
    public IReadOnlyList<string> MessageTexts =>
        [.. Messages.EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()}: {TextOf(m)}")];

    private static string TextOf(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(p => p.TryGetProperty("text", out _))
                .Select(p => p.GetProperty("text").GetString())),
            _ => content.GetRawText(),
        };
    }
}
