using System.Text.Json.Serialization;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// The code-context feature's source-generated JSON context: ranked files (printed by <c>locate --json</c>) and the
/// retrieval manifest (what was sent to the model, stored with each triage). snake_case, like the other features'.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(IReadOnlyList<LocatedFile>))]
[JsonSerializable(typeof(PackedContext))]
internal sealed partial class CodeContextJsonContext : JsonSerializerContext;
