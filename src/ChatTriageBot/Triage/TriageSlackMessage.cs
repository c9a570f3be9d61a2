using System.Globalization;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>
/// The thread message of a triage, in Block Kit: summary, root cause, evidence with permalinks at the pinned commit,
/// next steps, and a footer with repository@commit, model, tokens and time. Anything from outside (model output,
/// paths, reasons) is escaped. When Slack's limits force a cut, <see cref="BlockKitMessage.Truncated"/> tells the caller
/// to attach the whole report as a file.
/// </summary>
internal static class TriageSlackMessage
{
    /// <summary>The thread message while the triage runs: which stage it is in. The same message becomes the answer.</summary>
    public static BlockKitMessage Progress(string stage, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        var message = new SlackMessageBuilder("progress")
            .Add(new SectionBlock($":hourglass_flowing_sand: {Mrkdwn.Escape(stage)}"));
        if (detail is not null)
        {
            message.Add(new ContextBlock(TextObject.Plain(detail)));
        }

        return message.WithFallbackText(stage).Build();
    }

    /// <summary>A triage that could not finish: why, and (when trying again could help) a <b>Try again</b> button.</summary>
    public static BlockKitMessage Problem(long triageId, string text, bool offerRetry)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var message = new SlackMessageBuilder("problem").Add(new SectionBlock($":warning: {Mrkdwn.Escape(text)}"));
        if (offerRetry)
        {
            message.Add(new ActionsBlock(new ButtonElement("Try again", TriageActions.Retry) { Value = Id(triageId) }));
        }

        return message.WithFallbackText(text).Build();
    }

    /// <summary>A polite answer without buttons (a spending cap reached, nothing to retry).</summary>
    public static BlockKitMessage Notice(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new SlackMessageBuilder("notice").Add(new SectionBlock(Mrkdwn.Escape(text))).WithFallbackText(text).Build();
    }

    /// <summary>"This call passes the warning share of a cap": what it would cost and an <b>Approve</b> button.</summary>
    public static BlockKitMessage AskForApproval(long triageId, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return new SlackMessageBuilder("approve")
            .Add(new SectionBlock(Mrkdwn.Escape(text)))
            .Add(new ActionsBlock(new ButtonElement("Approve and diagnose", TriageActions.ApproveSpend) { Value = Id(triageId), Style = ButtonStyle.Primary }))
            .WithFallbackText(text)
            .Build();
    }

    /// <summary>"A very similar request was triaged recently": a link to that thread, and reuse or diagnose anyway.</summary>
    public static BlockKitMessage OfferEarlier(long triageId, Uri earlierThread, double similarity, string earlierSummary)
    {
        ArgumentNullException.ThrowIfNull(earlierThread);
        var inv = CultureInfo.InvariantCulture;
        var text = string.Create(inv, $"This looks like {Mrkdwn.Link(earlierThread, "a request triaged recently")} ({similarity * 100:0}% alike), which was diagnosed as: {Mrkdwn.Italic(Mrkdwn.Escape(earlierSummary))}\nUse that diagnosis here, or diagnose this one from scratch?");
        return new SlackMessageBuilder("similar")
            .Add(new SectionBlock(text))
            .Add(new ActionsBlock(
                new ButtonElement("Use that diagnosis", TriageActions.ReuseEarlier) { Value = Id(triageId), Style = ButtonStyle.Primary },
                new ButtonElement("Diagnose anyway", TriageActions.DiagnoseAnyway) { Value = Id(triageId) }))
            .WithFallbackText("This looks like a request triaged recently.")
            .Build();
    }

    /// <summary>The answer, without buttons (the command line's rendering and the golden files).</summary>
    public static BlockKitMessage Render(TriageReport report) => Render(report, null);

    /// <summary>
    /// The answer with its buttons: other features' first (<see cref="TriageButtons.Contributed"/>, e.g. <b>Generate
    /// fix</b>), then feedback, "What was sent" and, with a diagnosis, "Customer reply".
    /// </summary>
    public static BlockKitMessage Render(TriageReport report, TriageButtons? buttons)
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

        if (report.ReusedFrom is { } reused)
        {
            message.Add(new ContextBlock(TextObject.Markdown($"Reused from {Mrkdwn.Link(reused, "an earlier thread")}: no model call was made for this one.")));
        }

        message.Add(new ContextBlock(TextObject.Markdown(Mrkdwn.Escape(Footer(report)))));
        if (buttons is not null)
        {
            message.Add(new ActionsBlock([.. Buttons(report, buttons)]));
        }

        return message.Build();
    }

    private static IEnumerable<ButtonElement> Buttons(TriageReport report, TriageButtons buttons)
    {
        foreach (var contributed in buttons.Contributed)
        {
            yield return contributed;
        }

        var value = Id(buttons.TriageId);
        yield return new ButtonElement(":thumbsup: Helpful", TriageActions.Helpful) { Value = value };
        yield return new ButtonElement(":thumbsdown: Not helpful", TriageActions.NotHelpful) { Value = value };
        yield return new ButtonElement("What was sent", TriageActions.WhatWasSent) { Value = value };
        if (report.Diagnosis is not null)
        {
            yield return new ButtonElement("Customer reply", TriageActions.CustomerReply) { Value = value };
        }
    }

    private static string Id(long triageId) => triageId.ToString(CultureInfo.InvariantCulture);

    /// <summary>repository@short-sha · model · tokens in/out · seconds.</summary>
    public static string Footer(TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var footer = $"{report.RepositoryName ?? report.Repository}@{report.ShortCommit}";
        if (report.Usage is { } usage)
        {
            footer += string.Create(inv, $" · {usage.Model} · {usage.InputTokens:N0} in / {usage.OutputTokens:N0} out");
            footer += report.Cost is { } cost ? string.Create(inv, $" · ${cost:0.0000}") : " · cost unknown";
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
