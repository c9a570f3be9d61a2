using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace ChatTriageBot.Llm;

/// <summary>
/// Counts tokens with the model's real tokenizer (o200k for current OpenAI models, cl100k for gpt-4 and gpt-3.5).
/// Models it does not know (local or third-party ones behind an OpenAI-compatible endpoint) are counted with o200k,
/// which is close for modern BPE vocabularies. Tokenizers are created once and shared (they are thread-safe).
/// </summary>
internal sealed class TokenCounter
{
    private static readonly ConcurrentDictionary<string, Tokenizer> Tokenizers = new(StringComparer.Ordinal);

    public TokenCounter(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        Model = model;
        Encoding = EncodingFor(model);
        Tokenizer = Tokenizers.GetOrAdd(Encoding, static encoding => TiktokenTokenizer.CreateForEncoding(encoding));
    }

    public string Model { get; }

    /// <summary><c>o200k_base</c> or <c>cl100k_base</c>.</summary>
    public string Encoding { get; }

    internal Tokenizer Tokenizer { get; }

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : Tokenizer.CountTokens(text);

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxTokens"/>.</summary>
    public string Truncate(string text, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = Tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return cut >= text.Length ? text : text[..cut];
    }

    internal static string EncodingFor(string model)
    {
        var name = model.ToLowerInvariant();
        var slash = name.LastIndexOf('/');
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        return name.StartsWith("gpt-4-", StringComparison.Ordinal) || name == "gpt-4" || name.StartsWith("gpt-3.5", StringComparison.Ordinal)
            || name.StartsWith("text-embedding-", StringComparison.Ordinal)
            ? "cl100k_base"
            : "o200k_base";
    }
}
