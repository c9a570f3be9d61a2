using System.Diagnostics.Metrics;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Costs;

/// <summary>
/// Tokens and cost by model, counted as each call enters the usage ledger, on the meter <c>ChatTriageBot.Costs</c>:
/// <c>chattriagebot.model.tokens</c> by model and kind (input: every input token; cached_input: the part of them the
/// provider served from its cache; output) and <c>chattriagebot.model.cost</c> in US dollars by model (calls of a
/// model missing from the price table add tokens, not cost). Static, like the other features' instruments.
/// </summary>
internal static class CostsMetrics
{
    public const string MeterName = "ChatTriageBot.Costs";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("chattriagebot.model.tokens", "{token}",
        "Model tokens as the API reported them, by model and kind (input, cached_input: the cached part of input, output).");

    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("chattriagebot.model.cost", "USD",
        "What model calls cost at the price table's prices, in US dollars, by model.");

    public static void Called(ModelUsage usage, long? costMicros)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var model = new KeyValuePair<string, object?>("model", usage.Model);
        Tokens.Add(usage.InputTokens, model, new("kind", "input"));
        Tokens.Add(usage.CachedInputTokens, model, new("kind", "cached_input"));
        Tokens.Add(usage.OutputTokens, model, new("kind", "output"));
        if (costMicros is { } micros)
        {
            Cost.Add((double)Money.ToDollars(micros), model);
        }
    }
}
