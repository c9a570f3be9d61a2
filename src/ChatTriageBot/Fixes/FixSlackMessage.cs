using System.Globalization;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The thread message of a fix: its state first (draft pull request opened, merged, discarded, stale), then what the
/// patch changes and why, the files with lines added and removed, each check's outcome (with the end of a failed
/// command's output), what was refused, and the buttons the fixes feature offers for its state.
/// </summary>
internal static class FixSlackMessage
{
    public static BlockKitMessage Render(FixView view, IReadOnlyList<ButtonElement> buttons)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(buttons);
        var details = view.Details;
        var message = new SlackMessageBuilder("fix");
        if (State(view) is { } state)
        {
            message.Add(new SectionBlock(state));
        }

        var commit = Mrkdwn.InlineCode(details.Commit[..Math.Min(10, details.Commit.Length)]);
        if (!details.HasPatch)
        {
            message.Add(new SectionBlock($":warning: *No change could be made safely.* {Mrkdwn.Escape(details.Summary)}"));
        }
        else
        {
            var revised = view.Revision > 0
                ? string.Create(CultureInfo.InvariantCulture, $" (revision {view.Revision}{(details.RevisedBy is { } by ? $", as {Mrkdwn.User(by)} asked" : string.Empty)})")
                : string.Empty;
            message.Add(new SectionBlock($"*Proposed fix*{revised} for {Mrkdwn.Escape(details.Repository)}@{commit}: {Mrkdwn.Escape(details.Summary)}"));
            message.AddLongText("*Changes* (the patch is attached; it applies cleanly to this commit)\n"
                + string.Join('\n', details.ChangedFiles.Select(f => $"• {Mrkdwn.InlineCode(f)}"))
                + string.Create(CultureInfo.InvariantCulture, $"\n{details.Added} line(s) added, {details.Removed} removed · risk {Mrkdwn.Escape(details.Risk)}"));
            if (!string.IsNullOrWhiteSpace(details.TestPlan))
            {
                message.AddLongText("*How to check it*\n" + Mrkdwn.Escape(details.TestPlan));
            }
        }

        if (details.Checks.Count > 0)
        {
            message.AddLongText("*Checks*\n" + string.Join('\n', details.Checks.Select(c =>
                $"{(c.Passed ? ":white_check_mark:" : ":x:")} {Name(c.Name)}: {Mrkdwn.Escape(c.Detail)}")));
            foreach (var failed in details.Checks.Where(c => !c.Passed && !string.IsNullOrWhiteSpace(c.OutputTail)))
            {
                message.Add(new RichTextPreformattedBlock(failed.OutputTail!));
            }
        }

        if (details.Rejected.Count > 0)
        {
            message.AddLongText("*Edits left out*\n" + string.Join('\n', details.Rejected.Select(r => $"• {Mrkdwn.Escape(r)}")));
        }

        if (buttons.Count > 0)
        {
            message.Add(new ActionsBlock(buttons) { BlockId = "fix_actions" });
        }

        if (details.Footer.Length > 0)
        {
            message.Add(new ContextBlock(TextObject.Markdown(Mrkdwn.Escape(details.Footer))));
        }

        return message.WithFallbackText(Fallback(view)).Build();
    }

    /// <summary>The footer of a patch: model, tokens, cost, and who decides.</summary>
    public static string Footer(ModelUsage usage, decimal? cost)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return string.Create(CultureInfo.InvariantCulture,
            $"{usage.Model} · {usage.InputTokens:N0} in / {usage.OutputTokens:N0} out · {(cost is { } c ? $"${c:0.0000}" : "cost unknown")} · a person reviews and merges; the bot never does");
    }

    private static string? State(FixView view)
    {
        var link = view.PullRequestUrl is { } url && view.PullRequestNumber is { } number
            ? Mrkdwn.Link(new Uri(url), string.Create(CultureInfo.InvariantCulture, $"#{number}"))
            : null;
        return (view.Status, view.Outcome) switch
        {
            (_, PullRequestOutcome.Merged) when link is not null =>
                $":tada: Draft PR {link} was merged{By(view.OutcomeBy)}. It was opened by {Mrkdwn.User(view.PullRequestBy!)}.",
            (_, PullRequestOutcome.Closed) when link is not null =>
                $":no_entry_sign: Draft PR {link} was closed without merging{By(view.OutcomeBy)}.",
            (FixStatus.Published, _) when link is not null =>
                $":rocket: Draft PR {link} opened by {Mrkdwn.User(view.PullRequestBy!)}. A person reviews and merges it.",
            (FixStatus.Discarded, _) =>
                $":wastebasket: Discarded{(view.DiscardedBy is { } who ? $" by {Mrkdwn.User(who)}" : string.Empty)}. Nothing was opened.",
            (FixStatus.Stale, _) =>
                $":warning: {Mrkdwn.Escape(view.Details.StaleReason ?? "The default branch moved and this patch no longer applies to its head.")} *Regenerate* writes it again on the new head.",
            _ => null,
        };
    }

    private static string By(string? login) => login is { Length: > 0 } ? $" by {Mrkdwn.Escape(login)} on GitHub" : string.Empty;

    private static string Name(string check) => check switch
    {
        FixCheck.Paths => "paths",
        FixCheck.Size => "size",
        FixCheck.Command => "check command",
        _ => check,
    };

    private static string Fallback(FixView view) => view switch
    {
        { PullRequestNumber: { } n, Outcome: PullRequestOutcome.Merged } => string.Create(CultureInfo.InvariantCulture, $"Draft PR #{n} was merged."),
        { PullRequestNumber: { } n, Status: FixStatus.Published } => string.Create(CultureInfo.InvariantCulture, $"Draft PR #{n} opened."),
        { Status: FixStatus.Discarded } => "Fix discarded.",
        { Details.HasPatch: false } => "No change could be made safely.",
        _ => $"Proposed fix: {view.Details.Summary}",
    };
}
