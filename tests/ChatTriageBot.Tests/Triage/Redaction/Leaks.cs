using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>
/// Whether a secret is still readable in some output: as written, without its spaces, or behind JSON, URL or HTML
/// escapes, and with non-breaking or thin spaces read as spaces.
/// </summary>
public static partial class Leaks
{
    /// <summary>The first of <paramref name="secrets"/> that can still be read in <paramref name="output"/>, or null.</summary>
    public static string? Find(string output, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var views = Views(output);
        var squashed = views.Select(Squash).ToList();
        foreach (var secret in secrets)
        {
            foreach (var needle in Needles(secret))
            {
                if (views.Any(v => v.Contains(needle, StringComparison.Ordinal)) || squashed.Any(v => v.Contains(Squash(needle), StringComparison.Ordinal)))
                {
                    return secret;
                }
            }
        }

        return null;
    }

    /// <summary>The ways <paramref name="secret"/> may be written: plain, JSON-escaped, URL-escaped (also as a form field).</summary>
    public static IEnumerable<string> Needles(string secret) =>
        new[] { secret, JsonEncodedText.Encode(secret).ToString(), Uri.EscapeDataString(secret), System.Net.WebUtility.UrlEncode(secret), RedactionContexts.MinimalJsonEscape(secret) }
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary><paramref name="output"/> as written and with one to three levels of escapes decoded.</summary>
    public static List<string> Views(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var plain = WideSpace().Replace(output, " ");
        var views = new List<string> { plain };
        var current = plain;
        for (var i = 0; i < 3; i++)
        {
            current = UnescapeUrl(UnescapeJson(current)).Replace("&amp;", "&", StringComparison.Ordinal).Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal);
            views.Add(current);
        }

        return views;
    }

    private static string Squash(string text) => Whitespace().Replace(text, string.Empty);

    private static string UnescapeJson(string text) => JsonEscape().Replace(text, m => m.Value[1] switch
    {
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'u' => ((char)int.Parse(m.Value.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
        _ => m.Value[1..],
    });

    private static string UnescapeUrl(string text) => PercentEscape().Replace(text, m => ((char)int.Parse(m.Value.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"\\(?:u[0-9a-fA-F]{4}|[nrt""\\/'])")]
    private static partial Regex JsonEscape();

    [GeneratedRegex("%[0-9a-fA-F]{2}")]
    private static partial Regex PercentEscape();

    [GeneratedRegex("[\u00A0\u2000-\u200A\u202F\u205F\u3000]")]
    private static partial Regex WideSpace();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
