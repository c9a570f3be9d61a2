using System.Text.Json.Serialization;

namespace ChatTriageBot.Fixes;

/// <summary>The fixes feature's source-generated JSON context: the payload of its job. snake_case, like the other features'.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FixJob))]
internal sealed partial class FixesJsonContext : JsonSerializerContext;
