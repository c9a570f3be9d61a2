using System.Diagnostics.Metrics;

namespace ChatTriageBot.CodeContext;

/// <summary>Mirror clones and fetches that failed (the last good mirror is kept), on the meter <c>ChatTriageBot.CodeContext</c>.</summary>
internal static class CodeContextMetrics
{
    public const string MeterName = "ChatTriageBot.CodeContext";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> FetchFailures = Meter.CreateCounter<long>("chattriagebot.mirror.fetch_failures", "{fetch}",
        "Mirror clones and fetches that failed, by operation (clone, fetch).");

    public static void FetchFailed(string operation) => FetchFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
