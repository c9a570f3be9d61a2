using System.Text;
using System.Text.RegularExpressions;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A gitignore-style path pattern, as <c>Fixes__ProtectedPaths</c> and CODEOWNERS write them: <c>*</c> and <c>?</c>
/// stay within a folder, <c>**</c> crosses folders, a pattern with no slash but a trailing one matches at any depth,
/// a leading slash anchors it at the root, and a pattern that matches a folder matches everything in it.
/// </summary>
internal sealed class PathGlob
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly Regex _regex;

    public PathGlob(string pattern, bool ignoreCase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern.Trim();
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _regex = new Regex(ToRegex(Pattern), options, MatchTimeout);
    }

    public string Pattern { get; }

    /// <summary>True when <paramref name="path"/> (repository-relative, with forward slashes) or a folder it is in matches.</summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _regex.IsMatch(path.TrimStart('/'));
    }

    /// <summary>Why <paramref name="pattern"/> is not usable (a sentence fragment to follow the key), or null when it is.</summary>
    public static string? Problem(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "is empty: give a glob such as .github/workflows/** or **/*.pem.";
        }

        if (pattern.Contains('\\', StringComparison.Ordinal))
        {
            return $"'{pattern}' uses a backslash; write paths with forward slashes.";
        }

        if (pattern.Split('/').Any(segment => segment == ".."))
        {
            return $"'{pattern}' contains '..'; patterns are relative to the repository root.";
        }

        return null;
    }

    private static string ToRegex(string pattern)
    {
        var anchored = pattern.StartsWith('/');
        var body = pattern.Trim('/');
        // Without a slash inside, a pattern names a file or folder at any depth (gitignore, CODEOWNERS).
        var anywhere = !anchored && !body.Contains('/', StringComparison.Ordinal);
        var regex = new StringBuilder("^");
        if (anywhere)
        {
            regex.Append("(?:.*/)?");
        }

        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                var slashAfter = i + 2 < body.Length && body[i + 2] == '/';
                regex.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else if (c == '[' && body.IndexOf(']', i + 1) is var close and > 0)
            {
                var set = body[(i + 1)..close].Replace("\\", "\\\\", StringComparison.Ordinal);
                regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                i = close;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A match on a folder covers what is in it.
        regex.Append("(?:/.*)?$");
        return regex.ToString();
    }
}
