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
    public static string? Find(string output, IEnumerable<string> secrets) => In(output)(secrets);

    /// <summary>A search of <paramref name="output"/> for secrets, its decoded views made once for many searches.</summary>
    public static Func<IEnumerable<string>, string?> In(string output)
    {
        var views = Views(output);
        var squashed = views.Select(Squash).ToList();
        return secrets =>
        {
            ArgumentNullException.ThrowIfNull(secrets);
            foreach (var secret in secrets)
            {
                foreach (var needle in Needles(secret))
                {
                    var squashedNeedle = Squash(needle);
                    if (views.Any(v => v.Contains(needle, StringComparison.Ordinal)) || squashed.Any(v => v.Contains(squashedNeedle, StringComparison.Ordinal)))
                    {
                        return secret;
                    }
                }
            }

            return null;
        };
    }

    /// <summary>
    /// Every secret of <paramref name="secrets"/> (each with the label it is reported by) that can still be read in
    /// <paramref name="output"/>: one multi-string search of each view for all of them, for outputs of megabytes.
    /// </summary>
    public static List<(string Label, string Secret)> FindAll(string output, IEnumerable<(string Label, IReadOnlyList<string> Secrets)> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var plain = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        var squashed = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var (label, values) in secrets)
        {
            foreach (var secret in values)
            {
                foreach (var needle in Needles(secret))
                {
                    Add(plain, needle, (label, secret));
                    Add(squashed, Squash(needle), (label, secret));
                }
            }
        }

        var found = new HashSet<(string, string)>();
        var views = Views(output);
        Search(views, plain, found);
        Search(views.Select(Squash), squashed, found);
        return [.. found];
    }

    private static void Add(Dictionary<string, List<(string, string)>> needles, string needle, (string, string) owner)
    {
        if (needle.Length == 0)
        {
            return;
        }

        if (!needles.TryGetValue(needle, out var owners))
        {
            needles[needle] = owners = [];
        }

        owners.Add(owner);
    }

    private static void Search(IEnumerable<string> views, Dictionary<string, List<(string, string)>> needles, HashSet<(string, string)> found)
    {
        var search = System.Buffers.SearchValues.Create([.. needles.Keys], StringComparison.Ordinal);
        var byFirst = needles.Keys.GroupBy(n => n[0]).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var view in views)
        {
            var span = view.AsSpan();
            for (var at = span.IndexOfAny(search); at >= 0;)
            {
                foreach (var needle in byFirst[span[at]])
                {
                    if (span[at..].StartsWith(needle, StringComparison.Ordinal))
                    {
                        found.UnionWith(needles[needle]);
                    }
                }

                var next = span[(at + 1)..].IndexOfAny(search);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
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
