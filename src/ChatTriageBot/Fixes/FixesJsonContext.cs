using System.Text.Json.Serialization;

namespace ChatTriageBot.Fixes;

/// <summary>The fixes feature's source-generated JSON context: its jobs' payloads, the model's answers its jobs record and the details it keeps. snake_case, like the other features'.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FixJob))]
[JsonSerializable(typeof(FixDetails))]
[JsonSerializable(typeof(FixOutcome))]
[JsonSerializable(typeof(FixMessageJob))]
[JsonSerializable(typeof(OpenPullRequestJob))]
[JsonSerializable(typeof(PullRequestOutcomeJob))]
internal sealed partial class FixesJsonContext : JsonSerializerContext;
