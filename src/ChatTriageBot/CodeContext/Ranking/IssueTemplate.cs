using System.Text;
using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// The lines of a repository's issue templates (<c>.github/ISSUE_TEMPLATE/*.yml</c> forms and <c>*.md</c> templates):
/// headings, hints and comments that a report filed through them repeats (<c>### Operating system</c>, <c>&lt;!-- Please
/// check that the development version still produces the same bug --&gt;</c>). They are the project's words, not the
/// reporter's, and ranking on them lifts whatever code mentions backends, versions or installation.
/// </summary>
internal sealed partial class IssueTemplate
{
    private const int MinLineLength = 6;

    // What GitHub writes for a form's field left empty; in no template.
    private static readonly string[] GitHubFormFiller = ["no response"];

    private readonly HashSet<string> _lines;

    private IssueTemplate(HashSet<string> lines) => _lines = lines;

    /// <summary>A repository without issue templates: strips nothing.</summary>
    public static IssueTemplate None { get; } = new([]);

    /// <summary>How many distinct lines the templates hold (GitHub's form filler aside).</summary>
    public int Count => _lines.Count - (_lines.Count > 0 ? GitHubFormFiller.Length : 0);

    /// <summary>
    /// Whether <paramref name="path"/> is an issue template: a file under an <c>ISSUE_TEMPLATE</c> folder, or named
    /// <c>ISSUE_TEMPLATE.md</c> (any case; GitHub reads both from the root, <c>.github/</c> and <c>docs/</c>).
    /// </summary>
    public static bool IsTemplate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Contains("issue_template/", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("issue_template.md", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the lines of the given template texts (null texts, files that could not be read, are passed over).</summary>
    public static IssueTemplate From(IEnumerable<string?> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var lines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var line in (text ?? string.Empty).Split('\n'))
            {
                if (Normalize(FormValue(line)) is { } normalized)
                {
                    lines.Add(normalized);
                }
            }
        }

        if (lines.Count == 0)
        {
            return None;
        }

        lines.UnionWith(GitHubFormFiller);
        return new IssueTemplate(lines);
    }

    /// <summary>
    /// The text with every line that a template holds blanked (lines are kept, so line numbers stay), except the
    /// first, which is the report's own summary.
    /// </summary>
    public string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_lines.Count == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        var stripped = false;
        for (var i = 1; i < lines.Length; i++)
        {
            if (Normalize(lines[i]) is { } normalized && _lines.Contains(normalized))
            {
                lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
                stripped = true;
            }
        }

        return stripped ? string.Join('\n', lines) : text;
    }

    /// <summary>An issue form's line as it shows in the filed issue: the value of a label, description or placeholder.</summary>
    private static string FormValue(string line)
    {
        var match = FormKeyRegex().Match(line);
        return match.Success ? line[match.Length..].Trim().Trim('"', '\'') : line;
    }

    /// <summary>Lower case, markdown and comment marks off the ends, runs of spaces as one; null when too short to tell.</summary>
    private static string? Normalize(string line)
    {
        var text = line.AsSpan().Trim();
        if (text.StartsWith("```") || text.StartsWith("~~~"))
        {
            return null; // a code fence opens or closes a block, whatever language it names
        }

        var trimmed = text.Trim("#*_>-<!:` \t\r").Trim();
        if (trimmed.Length < MinLineLength || (!trimmed.ContainsAnyInRange('a', 'z') && !trimmed.ContainsAnyInRange('A', 'Z')))
        {
            return null;
        }

        var builder = new StringBuilder(trimmed.Length);
        var space = false;
        foreach (var c in trimmed)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"^\s*-?\s*(?:label|description|placeholder|value|title|name|about)\s*:\s*[|>]?[-+]?\s*", RegexOptions.CultureInvariant)]
    private static partial Regex FormKeyRegex();
}
