using System.Globalization;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>
/// The thread message of a triage, in Block Kit: summary, root cause, evidence with permalinks at the pinned commit,
/// next steps, and a footer with repository@commit, model, tokens and time. Anything from outside (model output,
/// paths, reasons) is escaped. When Slack's limits force a cut, <see cref="BlockKitMessage.Truncated"/> tells the caller
/// to attach the whole report as a file.
/// </summary>
public static class TriageSlackMessage
{
    public static BlockKitMessage Render(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var message = new SlackMessageBuilder("triage");
        if (report.Diagnosis is { } diagnosis)
        {
            message.Add(new SectionBlock(Mrkdwn.Bold(Mrkdwn.Escape(diagnosis.Summary))));
            message.Add(new ContextBlock(TextObject.Markdown(Mrkdwn.Escape(
                string.Create(inv, $"{diagnosis.Kind} · severity {diagnosis.Severity} · {diagnosis.Component} · confidence {diagnosis.Confidence:0.00}")))));
            message.AddLongText($"*Root cause*\n{Mrkdwn.Escape(diagnosis.RootCause)}");
            if (diagnosis.Evidence.Count > 0)
            {
                var lines = diagnosis.Evidence.Select(e => $"• {Location(report, e.Path, e.StartLine, e.EndLine)}: {Mrkdwn.Escape(e.Why)}");
                message.AddLongText("*Evidence*\n" + string.Join('\n', lines));
            }

            if (report.DroppedEvidence.Count > 0)
            {
                message.Add(new ContextBlock(TextObject.Plain(
                    string.Create(inv, $"{report.DroppedEvidence.Count} citation(s) from the model were left out: they do not exist at this commit."))));
            }

            if (diagnosis.NextSteps.Count > 0)
            {
                message.AddLongText("*Next steps*\n" + string.Join('\n', diagnosis.NextSteps.Select(s => $"• {Mrkdwn.Escape(s)}")));
            }

            if (diagnosis.QuestionsForReporter.Count > 0)
            {
                message.AddLongText("*Questions for the reporter*\n" + string.Join('\n', diagnosis.QuestionsForReporter.Select(q => $"• {Mrkdwn.Escape(q)}")));
            }

            message.WithFallbackText($"Diagnosis: {diagnosis.Summary}");
        }
        else
        {
            message.Add(new SectionBlock(Mrkdwn.Italic(Mrkdwn.Escape(report.Note ?? "No diagnosis."))));
            var files = report.Files.Take(5).Select(f =>
            {
                var range = f.Ranges.Count > 0 ? f.Ranges[0] : [1, 1];
                var why = f.Reasons.Count > 0 ? $" ({Mrkdwn.Escape(string.Join("; ", f.Reasons.Take(2)))})" : string.Empty;
                return $"• {Location(report, f.Path, range[0], range[1])}{why}";
            }).ToList();
            message.AddLongText(files.Count > 0 ? "*Most relevant code*\n" + string.Join('\n', files) : "No file in the repository matched the request.");
            message.WithFallbackText(files.Count > 0
                ? $"Most relevant code: {string.Join(", ", report.Files.Take(3).Select(f => f.Path))}"
                : "No file in the repository matched the request.");
        }

        foreach (var note in report.Notes.Take(5))
        {
            message.Add(new ContextBlock(TextObject.Plain(note)));
        }

        message.Add(new ContextBlock(TextObject.Markdown(Mrkdwn.Escape(Footer(report)))));
        return message.Build();
    }

    /// <summary>repository@short-sha · model · tokens in/out · seconds.</summary>
    public static string Footer(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var footer = $"{report.RepositoryName ?? report.Repository}@{report.ShortCommit}";
        if (report.Usage is { } usage)
        {
            footer += string.Create(inv, $" · {usage.Model} · {usage.InputTokens:N0} in / {usage.OutputTokens:N0} out");
        }

        return footer + string.Create(inv, $" · {report.ElapsedMs / 1000:0.0} s · {report.Redaction}");
    }

    private static string Location(TriageReport report, string path, int start, int end)
    {
        var label = start == end ? $"{path}:{start}" : $"{path}:{start}-{end}";
        return report.Permalink(path, start, end) is { } link ? Mrkdwn.Link(new Uri(link), label) : Mrkdwn.InlineCode(label);
    }

    /// <summary>"Which repository?" with one button per candidate (at most 25, Slack's limit for one actions block).</summary>
    public static BlockKitMessage AskForRepository(long triageId, IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var buttons = candidates.Take(SlackMessageLimits.ActionsElements).Select((name, i) =>
            new ButtonElement(name, $"{TriageActions.ChooseRepository}:{i}") { Value = string.Create(CultureInfo.InvariantCulture, $"{triageId}:{name}") });
        return new SlackMessageBuilder("repo")
            .Add(new SectionBlock("Which repository is this about? Pick one and I will start. (Next time, add `repo=owner/name` to the mention, or set the channel's default with `/triage repo owner/name`.)"))
            .Add(new ActionsBlock([.. buttons]))
            .WithFallbackText("Which repository is this about?")
            .Build();
    }
}
