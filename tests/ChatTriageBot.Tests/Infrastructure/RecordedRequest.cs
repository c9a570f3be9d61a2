using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One request a fake server received, exactly as it came over the wire.</summary>
/// <param name="Sequence">1 for the first request the server received, then 2, 3, ...</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Path">Path without the query string, e.g. <c>/api/chat.postMessage</c>.</param>
/// <param name="QueryString">Raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined with ", ").</param>
/// <param name="Body">Raw body bytes.</param>
/// <param name="ReceivedAt">When the fake received it (system clock).</param>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    public string? ContentType => Header("Content-Type");

    public string? Authorization => Header("Authorization");

    /// <summary>Query parameters (the last value wins when a name repeats).</summary>
    public IReadOnlyDictionary<string, string> Query =>
        QueryHelpers.ParseQuery(QueryString).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);

    /// <summary>A header value, or null when the request did not carry it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body parsed as JSON (throws <see cref="JsonException"/> when it is not JSON).</summary>
    public JsonElement JsonBody() => JsonSerializer.Deserialize<JsonElement>(Body.Span);

    public override string ToString() => $"#{Sequence} {Method} {Path}{QueryString}";
}
