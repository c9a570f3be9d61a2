using System.Text.RegularExpressions;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The redactor as it was before issue 22 (main at f5f3914), kept unchanged but for its name and the team's patterns
/// and switches it no longer takes: the baseline that <c>redact-speed</c> and <c>redact-fp</c> measure against in the
/// same run.
/// </summary>
internal sealed partial class BaselineRedactor
{
    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Everything this instance redacted so far, as counts by kind (never values).</summary>
    public string Receipt => new RedactionResult(string.Empty, _counts).Receipt;

    /// <summary>Redacts <paramref name="text"/>; placeholders stay stable across calls on this instance (one thread).</summary>
    public RedactionResult Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var before = new Dictionary<string, int>(_counts, StringComparer.Ordinal);
        var result = text;
        result = Apply(result, "PRIVATE_KEY", PrivateKey(), m => Placeholder("PRIVATE_KEY", m.Value));
        result = Apply(result, "JWT", Jwt(), m => Placeholder("JWT", m.Value));
        result = Apply(result, "CREDENTIAL", Credential(), m => Placeholder("CREDENTIAL", m.Value));
        result = Apply(result, "PASSWORD", UrlPassword(), m => m.Groups["pre"].Value + Placeholder("PASSWORD", m.Groups["secret"].Value) + "@");
        result = Apply(result, "PASSWORD", ConnectionPassword(), m => m.Groups["key"].Value + Placeholder("PASSWORD", m.Groups["secret"].Value));
        result = Apply(result, "SECRET", KeyValueSecret(), m => LooksRandom(m.Groups["secret"].Value)
            ? m.Groups["key"].Value + Placeholder("SECRET", m.Groups["secret"].Value)
            : m.Value);
        result = Apply(result, "EMAIL", Email(), m => Placeholder("EMAIL", m.Value));
        result = Apply(result, "IBAN", Iban(), m => IsIban(m.Value) ? Placeholder("IBAN", m.Value) : m.Value);
        result = Apply(result, "CARD", Card(), m => IsLuhn(m.Value) ? Placeholder("CARD", m.Value) : m.Value);
        result = Apply(result, "PHONE", Phone(), m => Placeholder("PHONE", m.Value));
        result = Apply(result, "IP", IPv4(), m => Placeholder("IP", m.Value));
        result = Apply(result, "IP", IPv6(), m => Placeholder("IP", m.Value));
        var counts = _counts.ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        return new RedactionResult(result, counts.Where(c => c.Value > 0).ToDictionary(StringComparer.Ordinal));
    }

    private static string Apply(string text, string kind, Regex pattern, MatchEvaluator evaluator) =>
        kind.Length > 0 ? pattern.Replace(text, evaluator) : text;

    private string Placeholder(string kind, string value)
    {
        var key = kind + "\u0000" + value.Trim();
        if (!_placeholders.TryGetValue(key, out var placeholder))
        {
            var n = _placeholders.Keys.Count(k => k.StartsWith(kind + "\u0000", StringComparison.Ordinal)) + 1;
            placeholder = $"<{kind}_{n}>";
            _placeholders[key] = placeholder;
        }

        _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        return placeholder;
    }

    internal static bool IsLuhn(string candidate)
    {
        var digits = candidate.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19 || digits.All(d => d == digits[0]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    internal static bool IsIban(string candidate)
    {
        var iban = new string([.. candidate.Where(char.IsAsciiLetterOrDigit)]).ToUpperInvariant();
        if (iban.Length is < 15 or > 34)
        {
            return false;
        }

        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>Secrets are random-looking: letters and digits mixed, high entropy (code such as <c>token = source.Token</c> is not).</summary>
    private static bool LooksRandom(string value) =>
        value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter) && Entropy(value) >= 3.3;

    private static double Entropy(string value)
    {
        var counts = value.GroupBy(c => c).Select(g => (double)g.Count() / value.Length);
        return -counts.Sum(p => p * Math.Log2(p));
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}")]
    private static partial Regex Jwt();

    // AWS access keys, GitHub, Slack, OpenAI, Stripe and Google credentials, Slack webhooks.
    [GeneratedRegex(@"\b(?:(?:AKIA|ASIA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,}|sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{20,}|AIza[0-9A-Za-z_-]{35}|ya29\.[0-9A-Za-z_-]{20,})|https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]+")]
    private static partial Regex Credential();

    [GeneratedRegex(@"(?<pre>\b[a-z][a-z0-9+.-]*://[^\s:/@]+:)(?<secret>[^\s@/]+)@", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd)\s*=\s*)(?<secret>[^;'""\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionPassword();

    [GeneratedRegex(@"(?<key>\b(?:[a-z_]*(?:api[_-]?key|secret|token|passwd|access[_-]?key|private[_-]?key|client[_-]?secret|auth))\b[""']?\s*[:=]\s*[""']?)(?<secret>[A-Za-z0-9+/_\-.=]{16,})", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")]
    private static partial Regex Iban();

    // 13-19 digits written together, in groups of four (4-4-4-4, 4-4-4-1..7) or Amex's 4-6-5, and nothing more after.
    [GeneratedRegex(@"(?<![\w.])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w.]|[ -]\d)")]
    private static partial Regex Card();

    // International numbers (+country ...), numbers with a parenthesised area code, and dash/dot-separated
    // 3-3-4 numbers; plain groups of digits separated by spaces are left alone (they are usually ids or amounts).
    [GeneratedRegex(@"(?<![\w.+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w.])|(?<![\w.])\(\d{2,4}\)[ .-]?\d{3,4}[ .-]\d{3,4}(?![\w.])|(?<![\w.-])\d{3}[.-]\d{3}[.-]\d{4}(?![\w.-])")]
    private static partial Regex Phone();

    // Not after a "v" and not followed by "-suffix" or more dotted parts: 2.0.1.4-beta, v1.2.3.4 and 1.2.3.4.5 are
    // versions, not addresses; a full stop ending a sentence is not a dotted part.
    [GeneratedRegex(@"(?<![\w.])(?<![vV])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\w|-[A-Za-z])")]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-fA-F]{1,4}:){1,6}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?(?![\w:])")]
    private static partial Regex IPv6();
}
