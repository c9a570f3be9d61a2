using System.Text.Json.Serialization;

namespace ChatTriageBot.Triage;

/// <summary>
/// The triage feature's source-generated JSON context: the report (stored with each triage and printed by
/// <c>triage --json</c>) and the payloads of its jobs. snake_case, as the model and Slack write it; numbers written as
/// strings are read too.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TriageReport))]
[JsonSerializable(typeof(TriageJob))]
[JsonSerializable(typeof(TriageButtonJob))]
internal sealed partial class TriageJsonContext : JsonSerializerContext;
