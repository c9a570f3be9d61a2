using System.Text.Json.Serialization;

namespace ChatTriageBot.Slack;

/// <summary>The Slack layer's own source-generated JSON context (snake_case, as Slack writes it).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackEventEnvelope))]
[JsonSerializable(typeof(SlackEvent))]
[JsonSerializable(typeof(SocketModeFrame))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
