using System.Diagnostics.Metrics;

namespace ChatTriageBot.Llm;

/// <summary>
/// Model calls by model and result (ok, ratelimited, http_5xx, timeout, network), on the meter
/// <c>ChatTriageBot.Llm</c>; the same meter carries the tokens by model and type and the call durations that
/// Microsoft.Extensions.AI's OpenTelemetry client reports (<c>gen_ai.client.token.usage</c>,
/// <c>gen_ai.client.operation.duration</c>). Static, as the calls are made from static helpers.
/// </summary>
internal static class LlmMetrics
{
    public const string MeterName = "ChatTriageBot.Llm";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("chattriagebot.model.calls", "{call}",
        "Model calls by model and result (ok, ratelimited, http_5xx, timeout, network), after the client's own retries.");

    public static void Answered(string model) => Calls.Add(1, new("model", model), new("result", "ok"));

    public static void Failed(string model, string result) => Calls.Add(1, new("model", model), new("result", result));
}
