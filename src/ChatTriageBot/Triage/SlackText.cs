using System.Globalization;
using System.Text;

namespace ChatTriageBot.Triage;

/// <summary>Renders a triage report as Slack mrkdwn for the thread reply (escaping <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> in everything taken from outside).</summary>
public static class SlackText
{
    public const int MaxLength = 3900;

    public static string Escape(string text) =>
        (text ?? string.Empty).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string Render(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        if (report.Diagnosis is { } diagnosis)
        {
            text.AppendLine(inv, $"*{Escape(diagnosis.Summary)}*");
            text.AppendLine(inv, $"_{Escape(diagnosis.Kind)} · severity {Escape(diagnosis.Severity)} · {Escape(diagnosis.Component)} · confidence {diagnosis.Confidence:0.00}_");
            text.AppendLine();
            text.AppendLine(inv, $"*Root cause*\n{Escape(diagnosis.RootCause)}");
            if (diagnosis.Evidence.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("*Evidence*");
                foreach (var evidence in diagnosis.Evidence)
                {
                    var label = $"{evidence.Path}:{evidence.StartLine}-{evidence.EndLine}";
                    var link = report.Permalink(evidence.Path, evidence.StartLine, evidence.EndLine);
                    text.AppendLine(inv, $"• {(link is null ? $"`{Escape(label)}`" : $"<{link}|{Escape(label)}>")}: {Escape(evidence.Why)}");
                }
            }

            if (diagnosis.NextSteps.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("*Next steps*");
                foreach (var step in diagnosis.NextSteps)
                {
                    text.AppendLine(inv, $"• {Escape(step)}");
                }
            }
        }
        else
        {
            text.AppendLine(inv, $"_{Escape(report.Note ?? "No diagnosis.")}_");
            text.AppendLine();
            text.AppendLine("*Most relevant files*");
            foreach (var file in report.Files.Take(5))
            {
                var range = file.Ranges.Count > 0 ? file.Ranges[0] : [1, 1];
                var label = $"{file.Path}:{range[0]}-{range[1]}";
                var link = report.Permalink(file.Path, range[0], range[1]);
                var why = file.Reasons.Count > 0 ? $" ({Escape(string.Join("; ", file.Reasons.Take(2)))})" : string.Empty;
                text.AppendLine(inv, $"• {(link is null ? $"`{Escape(label)}`" : $"<{link}|{Escape(label)}>")}{why}");
            }
        }

        text.AppendLine();
        var footer = $"{report.RepositoryName ?? report.Repository}@{report.ShortCommit}";
        if (report.Usage is { } usage)
        {
            footer += $" · {usage.Model} · {usage.InputTokens:N0} in / {usage.OutputTokens:N0} out";
        }

        footer += string.Create(inv, $" · {report.ElapsedMs / 1000:0.0} s");
        text.Append(inv, $"_{Escape(footer)}_");
        var result = text.ToString();
        return result.Length <= MaxLength ? result : result[..(MaxLength - 1)] + "…";
    }
}
