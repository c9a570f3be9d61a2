using System.Globalization;
using System.Text;

namespace ChatTriageBot.Triage;

/// <summary>Renders a triage report as Markdown for the terminal (the <c>triage</c> verb).</summary>
internal static class TriageMarkdown
{
    /// <summary>
    /// An earlier diagnosis as context for a follow-up in the same thread: summary, root cause, evidence and next
    /// steps (the bot's own words, so no customer text beyond what it already paraphrased).
    /// </summary>
    public static string? DiagnosisSummary(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Diagnosis is not { } diagnosis)
        {
            return null;
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"Repository {report.RepositoryName ?? report.Repository} at {report.ShortCommit}.");
        text.AppendLine(inv, $"Summary: {diagnosis.Summary}");
        text.AppendLine(inv, $"Root cause: {diagnosis.RootCause}");
        foreach (var evidence in diagnosis.Evidence)
        {
            text.AppendLine(inv, $"Evidence: {evidence.Path}:{evidence.StartLine}-{evidence.EndLine}: {evidence.Why}");
        }

        foreach (var step in diagnosis.NextSteps)
        {
            text.AppendLine(inv, $"Next step: {step}");
        }

        return text.ToString();
    }

    public static string Render(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Triage of {report.RepositoryName ?? report.Repository} at `{report.ShortCommit}`");
        md.AppendLine();
        md.AppendLine(inv, $"- Commit: `{report.Commit}`");
        md.AppendLine(inv, $"- Took: {report.ElapsedMs / 1000:0.0} s");
        md.AppendLine(inv, $"- Privacy: {report.Redaction} before anything left the process");
        if (report.Usage is { } usage)
        {
            md.AppendLine(inv, $"- Model: {usage.Model}, {usage.InputTokens:N0} tokens in ({usage.CachedInputTokens:N0} cached), {usage.OutputTokens:N0} out");
        }

        md.AppendLine();
        if (report.Diagnosis is { } diagnosis)
        {
            md.AppendLine("## Diagnosis");
            md.AppendLine();
            md.AppendLine(diagnosis.Summary);
            md.AppendLine();
            md.AppendLine(inv, $"- Kind: {diagnosis.Kind}; severity: {diagnosis.Severity}; component: {diagnosis.Component}");
            md.AppendLine(inv, $"- Confidence: {diagnosis.Confidence:0.00}; fixability: {diagnosis.Fixability:0.00}");
            md.AppendLine();
            md.AppendLine("### Root cause");
            md.AppendLine();
            md.AppendLine(diagnosis.RootCause);
            md.AppendLine();
            md.AppendLine("### Evidence");
            md.AppendLine();
            if (diagnosis.Evidence.Count == 0)
            {
                md.AppendLine("(none that exists at this commit)");
            }

            foreach (var evidence in diagnosis.Evidence)
            {
                var where = $"{evidence.Path}:{evidence.StartLine}-{evidence.EndLine}";
                var link = report.Permalink(evidence.Path, evidence.StartLine, evidence.EndLine);
                md.AppendLine(inv, $"- {(link is null ? $"`{where}`" : $"[`{where}`]({link})")}: {evidence.Why}");
            }

            if (report.DroppedEvidence.Count > 0)
            {
                md.AppendLine();
                md.AppendLine(inv, $"{report.DroppedEvidence.Count} citation(s) from the model were dropped because they do not exist at this commit.");
            }

            AppendList(md, "Next steps", diagnosis.NextSteps);
            AppendList(md, "Questions for the reporter", diagnosis.QuestionsForReporter);
            md.AppendLine();
            md.AppendLine("### Reply draft for the customer");
            md.AppendLine();
            foreach (var line in diagnosis.CustomerReply.Split('\n'))
            {
                md.Append("> ").AppendLine(line.TrimEnd());
            }

            md.AppendLine();
        }
        else
        {
            md.AppendLine(inv, $"**{report.Note}**");
            md.AppendLine();
        }

        if (report.Notes.Count > 0)
        {
            foreach (var note in report.Notes)
            {
                md.Append("> ").AppendLine(note);
            }

            md.AppendLine();
        }

        md.AppendLine("## What the request points at");
        md.AppendLine();
        var refs = report.References;
        AppendInline(md, "Paths", refs.Paths);
        if (refs.StackFrames > 0)
        {
            md.AppendLine(inv, $"- Stack frames: {refs.StackFrames}");
        }

        AppendInline(md, "Errors", refs.ErrorTypes);
        AppendInline(md, "Messages", refs.Messages);
        AppendInline(md, "Identifiers", refs.Identifiers);
        AppendInline(md, "Links", refs.Links);
        md.AppendLine();

        md.AppendLine("## Ranked files");
        md.AppendLine();
        if (report.Files.Count == 0)
        {
            md.AppendLine("No file matched the request.");
        }

        var rank = 1;
        foreach (var file in report.Files)
        {
            var ranges = string.Join(", ", file.Ranges.Select(r => r[0] == r[1] ? $"{r[0]}" : $"{r[0]}-{r[1]}"));
            md.AppendLine(inv, $"{rank++}. `{file.Path}` (score {file.Score:0.00}; lines {ranges})");
            if (file.Reasons.Count > 0)
            {
                md.AppendLine(inv, $"   - why: {string.Join("; ", file.Reasons)}");
            }
        }

        md.AppendLine();
        md.AppendLine("## Context sent to the model");
        md.AppendLine();
        md.AppendLine(inv, $"{report.Context.TotalTokens:N0} of {report.Context.Budget:N0} tokens, {report.Context.Sections.Count} section(s):");
        md.AppendLine();
        foreach (var section in report.Context.Sections)
        {
            md.AppendLine(inv, $"- `{section.Path}` lines {section.StartLine}-{section.EndLine}: {section.Tokens:N0} tokens ({section.Reason})");
        }

        foreach (var left in report.Context.LeftOut)
        {
            md.AppendLine(inv, $"- left out `{left.Path}`: {left.Reason}");
        }

        return md.ToString();
    }

    private static void AppendList(StringBuilder md, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        md.AppendLine();
        md.Append("### ").AppendLine(title);
        md.AppendLine();
        foreach (var item in items)
        {
            md.Append("- ").AppendLine(item);
        }
    }

    private static void AppendInline(StringBuilder md, string title, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            md.Append("- ").Append(title).Append(": ").AppendLine(string.Join(", ", items.Select(i => $"`{i.Replace("`", "'", StringComparison.Ordinal)}`")));
        }
    }
}
