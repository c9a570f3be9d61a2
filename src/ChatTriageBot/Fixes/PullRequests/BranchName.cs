using System.Globalization;
using System.Text;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The branch a fix's pull request is opened from: <c>triage/&lt;triage id&gt;-&lt;slug of the fix's summary&gt;</c>.
/// Deterministic, so every attempt (a retry, another replica) names the same branch and finds what an earlier one
/// wrote; never a default branch.
/// </summary>
internal static class BranchName
{
    public const string Prefix = "triage/";
    private const int MaxSlug = 40;

    public static string For(long triageId, string? summary)
    {
        var slug = new StringBuilder();
        foreach (var c in (summary ?? string.Empty).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        if (text.Length > MaxSlug)
        {
            // Cut at a word boundary.
            var cut = text.LastIndexOf('-', MaxSlug);
            text = cut > 10 ? text[..cut] : text[..MaxSlug].TrimEnd('-');
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{triageId}-{(text.Length == 0 ? "fix" : text)}");
    }
}
