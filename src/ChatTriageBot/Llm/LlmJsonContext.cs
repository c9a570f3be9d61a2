using System.Text.Json.Serialization;

namespace ChatTriageBot.Llm;

/// <summary>
/// The model feature's source-generated JSON context: the structured answers the models give (<see cref="DiagnosisSchema"/>,
/// <see cref="FixSchema"/>). snake_case, as the schemas name the properties; numbers written as strings are read too.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(Diagnosis))]
[JsonSerializable(typeof(FixProposal))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
