using System.Text.Json.Serialization;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Fixes;
using ChatTriageBot.Llm;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The one source-generated JSON context for the app's own payloads (reports, the diagnosis schema, job payloads).
/// The Slack layer has its own (<c>Slack/</c> depends on no other folder of ours).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TriageReport))]
[JsonSerializable(typeof(Diagnosis))]
[JsonSerializable(typeof(IReadOnlyList<LocatedFile>))]
[JsonSerializable(typeof(PackedContext))]
[JsonSerializable(typeof(TriageJob))]
[JsonSerializable(typeof(TriageButtonJob))]
[JsonSerializable(typeof(FixProposal))]
[JsonSerializable(typeof(FixJob))]
internal sealed partial class AppJsonContext : JsonSerializerContext;
