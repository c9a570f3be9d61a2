using System.Diagnostics.Metrics;

namespace ChatTriageBot.Slack;

/// <summary>
/// The Slack layer's instruments (meter <c>ChatTriageBot.Slack</c>, plain <c>System.Diagnostics.Metrics</c>: the
/// layer carries no exporter; the host decides where they go): inbound events by outcome, refused requests, Web API
/// calls by method and result (ok, Slack's error code, ratelimited, http_5xx, timeout) and their durations.
/// </summary>
internal sealed class SlackMetrics
{
    public const string MeterName = "ChatTriageBot.Slack";

    private readonly Counter<long> _events;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _apiCalls;
    private readonly Histogram<double> _apiDuration;

    public SlackMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("chattriagebot.slack.events", "{event}", "Inbound Slack events by outcome (handled, duplicate, ignored, failed).");
        _refused = meter.CreateCounter<long>("chattriagebot.slack.refused", "{request}", "Inbound Slack requests refused, by reason.");
        _apiCalls = meter.CreateCounter<long>("chattriagebot.slack.api.calls", "{call}",
            "Slack Web API calls by method and result (ok, Slack's error code, ratelimited, http_5xx, timeout, network).");
        _apiDuration = meter.CreateHistogram("chattriagebot.slack.api.duration", "s", "How long Slack Web API calls take, by method.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Event(DispatchOutcome outcome) => _events.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ApiCall(string method, string result, TimeSpan elapsed)
    {
        _apiCalls.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("result", result));
        _apiDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("method", method));
    }
}
