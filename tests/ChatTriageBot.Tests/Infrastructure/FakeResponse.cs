using System.Text;
using System.Text.Json.Nodes;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>One HTTP answer of a fake server: status, headers, body and an optional delay before it is sent.</summary>
public sealed record FakeResponse(int StatusCode, ReadOnlyMemory<byte> Body, string? ContentType)
{
    /// <summary>Extra response headers (Retry-After, X-RateLimit-*, ...).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Waited before the answer is written (the request is already recorded by then).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>A JSON answer (<c>application/json; charset=utf-8</c>).</summary>
    public static FakeResponse Json(JsonNode body, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RawJson(body.ToJsonString(), statusCode);
    }

    /// <summary>A JSON answer from JSON text, sent as is.</summary>
    public static FakeResponse RawJson(string json, int statusCode = 200) =>
        new(statusCode, Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8");

    public static FakeResponse Text(string text, int statusCode = 200) =>
        new(statusCode, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8");

    public static FakeResponse Bytes(ReadOnlyMemory<byte> body, string contentType, int statusCode = 200) =>
        new(statusCode, body, contentType);

    /// <summary>A status with no body.</summary>
    public static FakeResponse Empty(int statusCode) => new(statusCode, ReadOnlyMemory<byte>.Empty, null);

    /// <summary>A copy with one more header.</summary>
    public FakeResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    /// <summary>A copy that is sent after <paramref name="delay"/>.</summary>
    public FakeResponse WithDelay(TimeSpan delay) => this with { Delay = delay };
}
