using Prometheus;

namespace ChatTriageBot.Slack;

/// <summary>Prometheus metrics of the Slack layer (exported on <c>/metrics</c>).</summary>
internal static class SlackMetrics
{
    public static readonly Counter Events = Metrics.CreateCounter(
        "chattriagebot_slack_events_total", "Inbound Slack events by outcome (handled, duplicate, ignored, failed).", "outcome");

    public static readonly Counter Refused = Metrics.CreateCounter(
        "chattriagebot_slack_refused_total", "Inbound Slack requests refused, by reason.", "reason");

    public static readonly Counter ApiCalls = Metrics.CreateCounter(
        "chattriagebot_slack_api_calls_total", "Slack Web API calls by method and result (ok, error code, ratelimited).", "method", "result");
}
