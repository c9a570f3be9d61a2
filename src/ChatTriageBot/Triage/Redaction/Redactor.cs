using System.Text;
using System.Text.RegularExpressions;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>
/// Replaces personal data and secrets with stable placeholders (<c>&lt;EMAIL_1&gt;</c>: the same value gets the same
/// placeholder, so the model can still reason about "the same address") before anything leaves the process or is
/// stored. What is found, and where, is <see cref="RedactionEngine"/>'s job (the formats are
/// <see cref="RedactionFormats"/>); this class numbers the placeholders of one thread and counts them by kind. A value
/// written over several lines is replaced by its placeholder followed by as many line breaks, so line numbers after it
/// still hold. One instance serves one triage; it is not thread-safe.
/// </summary>
internal sealed partial class Redactor
{
    /// <summary>How long one custom pattern may run on one text before redaction fails closed.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _disabled;
    private readonly List<(string Kind, Regex Pattern)> _custom;
    private readonly RedactionOptions _options;

    public Redactor(RedactionOptions? options = null)
    {
        _options = options ?? DefaultOptions;
        (_disabled, _custom) = Compiled.GetValue(_options, static o => Tuple.Create(
            o.Disabled.Select(k => k.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal),
            o.Patterns
                .Where(p => !string.IsNullOrWhiteSpace(p.Kind) && !string.IsNullOrWhiteSpace(p.Pattern))
                .Select(p => (p.Kind!, new Regex(p.Pattern!, RegexOptions.CultureInvariant, PatternTimeout)))
                .ToList()));
    }

    private static readonly RedactionOptions DefaultOptions = new();

    /// <summary>The options' kinds and patterns, compiled once per options instance (a redactor is made per triage and per log record).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RedactionOptions, Tuple<HashSet<string>, List<(string Kind, Regex Pattern)>>> Compiled = new();

    /// <summary>Everything this instance redacted so far, as counts by kind (never values).</summary>
    public string Receipt => new RedactionResult(string.Empty, _counts).Receipt;

    /// <summary>Redacts <paramref name="text"/>; placeholders stay stable across calls on this instance (one thread).</summary>
    /// <exception cref="RedactionException">A custom pattern took too long: nothing of the text may be used.</exception>
    public RedactionResult Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = RedactionEngine.Find(text, _options, _custom, _disabled);
        if (spans.Count == 0)
        {
            return new RedactionResult(text, new Dictionary<string, int>(StringComparer.Ordinal));
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var replacements = new (string Placeholder, int Lines)[spans.Count];
        var length = text.Length;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var original = text[span.Start..span.End];
            var placeholder = Placeholder(span.Kind, span.Key, original);
            var lines = original.AsSpan().Count('\n');
            replacements[i] = (placeholder, lines);
            length += placeholder.Length + lines - original.Length;
            counts[span.Kind] = counts.GetValueOrDefault(span.Kind) + 1;
            _counts[span.Kind] = _counts.GetValueOrDefault(span.Kind) + 1;
        }

        // Written once at its final length: a builder would copy an attachment-sized buffer a second time.
        var redacted = string.Create(length, (text, spans, replacements), static (result, state) =>
        {
            var (text, spans, replacements) = state;
            var at = 0;
            for (var i = 0; i < spans.Count; i++)
            {
                var kept = text.AsSpan(at, spans[i].Start - at);
                kept.CopyTo(result);
                result = result[kept.Length..];
                replacements[i].Placeholder.CopyTo(result);
                result = result[replacements[i].Placeholder.Length..];
                result[..replacements[i].Lines].Fill('\n');
                result = result[replacements[i].Lines..];
                at = spans[i].End;
            }

            text.AsSpan(at).CopyTo(result);
        });
        return new RedactionResult(redacted, counts);
    }

    /// <summary>The redacted text alone.</summary>
    public string Text(string text) => Redact(text).Text;

    /// <summary>
    /// A model's diagnosis with its free text redacted (it is stored and posted): a model repeats what it is shown and
    /// may write values of its own; paths and line numbers are kept for the citations.
    /// </summary>
    public Diagnosis RedactAnswer(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        return diagnosis with
        {
            Summary = Text(diagnosis.Summary),
            Component = Text(diagnosis.Component),
            RootCause = Text(diagnosis.RootCause),
            Evidence = [.. diagnosis.Evidence.Select(e => e with { Why = Text(e.Why) })],
            NextSteps = [.. diagnosis.NextSteps.Select(Text)],
            QuestionsForReporter = [.. diagnosis.QuestionsForReporter.Select(Text)],
            CustomerReply = Text(diagnosis.CustomerReply),
        };
    }

    /// <summary>
    /// The code chosen for the model with its secrets redacted (a repository's own keys and passwords leave the process
    /// only as placeholders), each section's tokens counted again. Line breaks are kept, so line numbers hold.
    /// </summary>
    public PackedContext RedactCode(PackedContext context, Func<string, int> countTokens)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(countTokens);
        var sections = context.Sections.Select(s => Redact(s.Text) is { Total: > 0 } redacted ? s with { Text = redacted.Text, Tokens = countTokens(redacted.Text) } : s).ToList();
        return context with { Sections = sections, TotalTokens = context.TotalTokens - context.Sections.Sum(s => s.Tokens) + sections.Sum(s => s.Tokens) };
    }

    /// <summary>
    /// Puts back the values this instance replaced, wherever its placeholders appear in <paramref name="text"/> (the fix
    /// model edits redacted code; its edits are applied to the real file). Other text, and placeholders this instance
    /// did not make, are left as they are.
    /// </summary>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_originals.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            if (!_originals.TryGetValue(match.Value, out var original))
            {
                continue;
            }

            // The line breaks that kept the line count of a multi-line value go back with it.
            var end = match.Index + match.Length;
            var lines = original.Count(c => c == '\n');
            var following = 0;
            while (following < lines && end + following < text.Length && text[end + following] == '\n')
            {
                following++;
            }

            result.Append(text, at, match.Index - at).Append(original);
            at = following == lines ? end + lines : end;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    private string Placeholder(string kind, string key, string original)
    {
        if (!_placeholders.TryGetValue(key, out var placeholder))
        {
            var n = _numbers[kind] = _numbers.GetValueOrDefault(kind) + 1;
            placeholder = $"<{kind}_{n}>";
            _placeholders[key] = placeholder;
            _originals[placeholder] = original;
        }

        return placeholder;
    }

    [GeneratedRegex(@"<[A-Z][A-Z0-9_]*_\d+>")]
    private static partial Regex PlaceholderPattern();
}
