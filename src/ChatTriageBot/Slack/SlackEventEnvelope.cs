using System.Text.Json;

namespace ChatTriageBot.Slack;

/// <summary>The outer JSON of an Events API delivery (<c>url_verification</c>, <c>event_callback</c>, <c>app_rate_limited</c>).</summary>
internal sealed record SlackEventEnvelope
{
    public required string Type { get; init; }

    public string? Challenge { get; init; }

    public string? TeamId { get; init; }

    public string? ApiAppId { get; init; }

    /// <summary>Globally unique per event: the deduplication key.</summary>
    public string? EventId { get; init; }

    public long EventTime { get; init; }

    public JsonElement Event { get; init; }

    public bool IsExtSharedChannel { get; init; }
}
