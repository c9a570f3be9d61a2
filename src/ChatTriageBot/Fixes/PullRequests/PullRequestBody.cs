using System.Globalization;
using System.Text;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The title and body of a draft pull request: the diagnosis' summary and root cause, the evidence as permalinks at
/// the pinned commit, what the change does, each check's outcome, and a link back to the Slack thread. Only the bot's
/// own words go in, never the customer's text, and everything passes through the <see cref="Redactor"/> once more.
/// </summary>
internal static class PullRequestBody
{
    private const int MaxTitle = 100;

    /// <summary>Everything the body is made from.</summary>
    internal sealed record Input(TriageReport Report, FixDetails Fix, Uri Thread, string RepositoryHtmlUrl, string RequestedBy)
    {
        /// <summary>Set when the patch was carried to a newer head of the default branch than the one it was written for.</summary>
        public string? Reapplied { get; init; }
    }

    public static (string Title, string Body) Compose(Input input, Redactor redactor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(redactor);
        return (redactor.Redact(Title(input.Fix.Summary)).Text, redactor.Redact(Body(input)).Text);
    }

    /// <summary>The fix's summary as a title: its first sentence, cut at a word within GitHub's comfortable length.</summary>
    public static string Title(string summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var title = summary.ReplaceLineEndings(" ").Trim();
        var end = title.IndexOf(". ", StringComparison.Ordinal);
        if (end > 0)
        {
            title = title[..end];
        }

        title = title.TrimEnd('.');
        if (title.Length > MaxTitle)
        {
            var cut = title.LastIndexOf(' ', MaxTitle - 1);
            title = title[..(cut > 40 ? cut : MaxTitle - 1)] + "…";
        }

        return title.Length == 0 ? "Fix from a support thread" : title;
    }

    private static string Body(Input input)
    {
        var inv = CultureInfo.InvariantCulture;
        var body = new StringBuilder();
        var report = input.Report;
        var fix = input.Fix;
        body.AppendLine(inv, $"> Draft opened by ChatTriageBot from a support thread in Slack, at the request of {input.RequestedBy}. It stays a draft until a person reviews it; the bot never merges.");
        body.AppendLine();
        if (report.Diagnosis is { } diagnosis)
        {
            body.AppendLine("## Summary").AppendLine().AppendLine(diagnosis.Summary).AppendLine();
            body.AppendLine("## Root cause").AppendLine().AppendLine(diagnosis.RootCause).AppendLine();
            if (diagnosis.Evidence.Count > 0)
            {
                body.AppendLine("## Evidence").AppendLine();
                foreach (var evidence in diagnosis.Evidence)
                {
                    var lines = evidence.EndLine > evidence.StartLine ? $"#L{evidence.StartLine}-L{evidence.EndLine}" : $"#L{evidence.StartLine}";
                    var link = $"{input.RepositoryHtmlUrl.TrimEnd('/')}/blob/{report.Commit}/{evidence.Path}{lines}";
                    body.AppendLine(inv, $"- [`{evidence.Path}` lines {evidence.StartLine}-{evidence.EndLine}]({link}): {evidence.Why}");
                }

                body.AppendLine();
            }
        }

        body.AppendLine("## The change").AppendLine().AppendLine(fix.Summary).AppendLine();
        foreach (var file in fix.ChangedFiles)
        {
            body.AppendLine(inv, $"- `{file}`");
        }

        body.AppendLine().AppendLine(inv, $"{fix.Added} line(s) added, {fix.Removed} removed; risk {fix.Risk}.");
        if (!string.IsNullOrWhiteSpace(fix.TestPlan))
        {
            body.AppendLine().AppendLine(inv, $"**How to check it:** {fix.TestPlan}");
        }

        body.AppendLine().AppendLine("## Checks before it was offered").AppendLine();
        foreach (var check in fix.Checks)
        {
            body.AppendLine(inv, $"- {(check.Passed ? "✅" : "❌")} {check.Name}: {check.Detail}");
        }

        if (input.Reapplied is { } reapplied)
        {
            body.AppendLine(inv, $"- ↪ {reapplied}");
        }

        body.AppendLine().AppendLine("## Slack thread").AppendLine().AppendLine(input.Thread.AbsoluteUri);
        return body.ToString();
    }
}
