using System.Text.Json.Serialization;

namespace ChatTriageBot.Costs;

/// <summary>The JSON the costs feature writes: the cost report of the <c>cost --json</c> verb.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(CostReport))]
internal sealed partial class CostsJsonContext : JsonSerializerContext;
