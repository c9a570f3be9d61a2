namespace ChatTriageBot.Llm;

/// <summary>US dollars per one million tokens: fresh input, cached input, and output.</summary>
internal sealed class ModelPrice
{
    public decimal Input { get; set; }

    /// <summary>Cached input (prompt caching); when unset, cached tokens are charged as <see cref="Input"/>.</summary>
    public decimal? CachedInput { get; set; }

    public decimal Output { get; set; }

    /// <summary>What <paramref name="input"/> (of which <paramref name="cached"/> were cached) and <paramref name="output"/> tokens cost.</summary>
    public decimal Cost(long input, long cached, long output)
    {
        var fresh = Math.Max(0, input - cached);
        return ((fresh * Input) + (Math.Min(cached, input) * (CachedInput ?? Input)) + (output * Output)) / 1_000_000m;
    }
}
