using System.Text.Json.Serialization;

namespace ChatTriageBot.Digest;

/// <summary>The JSON the digest feature writes: its job payloads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DigestJob))]
internal sealed partial class DigestJsonContext : JsonSerializerContext;
