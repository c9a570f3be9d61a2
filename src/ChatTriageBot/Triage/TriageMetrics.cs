using System.Diagnostics.Metrics;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Triage;

/// <summary>
/// Triages by outcome (the status they ended a run in: completed, failed, over_budget, awaiting_*) and how long each
/// stage took (read the thread, find the code, ask the model, post the answer), on the meter <c>ChatTriageBot.Triage</c>.
/// </summary>
internal static class TriageMetrics
{
    public const string MeterName = "ChatTriageBot.Triage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("chattriagebot.triages", "{triage}",
        "Triage runs by the status they ended in (completed, failed, over_budget, awaiting_repository, awaiting_approval, awaiting_decision).");

    private static readonly Histogram<double> Stages = Meter.CreateHistogram("chattriagebot.triage.stage.duration", "s",
        "How long each stage of a triage took: read (the thread), prepare (mirror, ranking, packing), model (the diagnosis), post (the answer).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    public static void Finished(TriageStatus status) =>
        Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", Snake(status.ToString())));

    public static void Stage(string stage, TimeSpan elapsed) =>
        Stages.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
