namespace ChatTriageBot.Llm;

/// <summary>
/// Bound from the <c>Prices</c> section: <c>Prices__Models__{model}__Input</c>, <c>__CachedInput</c> and <c>__Output</c>
/// (USD per million tokens) add a model or override a built-in price; <c>Prices__Aliases__{name}</c> maps a
/// deployment name (Azure OpenAI) or a local model to a priced model.
/// </summary>
internal sealed class PriceOptions
{
    public const string Section = "Prices";

    public IDictionary<string, ModelPrice> Models { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);

    public IDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
