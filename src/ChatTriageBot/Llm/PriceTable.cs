using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Llm;

/// <summary>
/// What a model costs per token. Built-in prices are OpenAI's published list prices (standard tier, USD per million
/// tokens, as of 2025-08); settings add models, override prices and map aliases. A dated snapshot
/// (<c>gpt-4.1-mini-2025-04-14</c>) is priced as its model; an unknown model has no price (null), never zero.
/// </summary>
internal sealed partial class PriceTable(IOptions<PriceOptions> options)
{
    private static readonly Dictionary<string, ModelPrice> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-5"] = new() { Input = 1.25m, CachedInput = 0.125m, Output = 10m },
        ["gpt-5-mini"] = new() { Input = 0.25m, CachedInput = 0.025m, Output = 2m },
        ["gpt-5-nano"] = new() { Input = 0.05m, CachedInput = 0.005m, Output = 0.4m },
        ["gpt-4.1"] = new() { Input = 2m, CachedInput = 0.5m, Output = 8m },
        ["gpt-4.1-mini"] = new() { Input = 0.4m, CachedInput = 0.1m, Output = 1.6m },
        ["gpt-4.1-nano"] = new() { Input = 0.1m, CachedInput = 0.025m, Output = 0.4m },
        ["gpt-4o"] = new() { Input = 2.5m, CachedInput = 1.25m, Output = 10m },
        ["gpt-4o-mini"] = new() { Input = 0.15m, CachedInput = 0.075m, Output = 0.6m },
        ["o3"] = new() { Input = 2m, CachedInput = 0.5m, Output = 8m },
        ["o4-mini"] = new() { Input = 1.1m, CachedInput = 0.275m, Output = 4.4m },
    };

    /// <summary>The price of <paramref name="model"/>, or null when neither the settings nor the built-in list know it.</summary>
    public ModelPrice? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model.Trim();
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (options.Value.Aliases.TryGetValue(name, out var alias))
        {
            name = alias;
        }

        return Lookup(name) ?? Lookup(DateSuffix().Replace(name, string.Empty));
    }

    /// <summary>The cost of a call as the API reported it; null when the model's price is unknown.</summary>
    public decimal? Cost(ModelUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Find(usage.Model)?.Cost(usage.InputTokens, usage.CachedInputTokens, usage.OutputTokens);
    }

    /// <summary>The most a call can cost: its counted input, none of it cached, and every output token it may use.</summary>
    public decimal? Estimate(string model, long inputTokens, long maxOutputTokens) =>
        Find(model)?.Cost(inputTokens, 0, maxOutputTokens);

    private ModelPrice? Lookup(string name) =>
        options.Value.Models.TryGetValue(name, out var configured) ? configured
        : BuiltIn.TryGetValue(name, out var builtIn) ? builtIn
        : null;

    // "-2025-04-14" (OpenAI snapshots) or "-0613" (older ones).
    [GeneratedRegex(@"-(\d{4}-\d{2}-\d{2}|\d{4})$")]
    private static partial Regex DateSuffix();
}
