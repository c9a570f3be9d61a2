using System.Globalization;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Fixes;

/// <summary>The thread message of a fix: what it changes and why, the files with lines added and removed, and what was refused.</summary>
internal static class FixSlackMessage
{
    public static BlockKitMessage Render(FixOutcome outcome, string repository, string commit, decimal? cost)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var inv = CultureInfo.InvariantCulture;
        var message = new SlackMessageBuilder("fix");
        if (outcome.Patch is null)
        {
            message.Add(new SectionBlock($":warning: *No change could be made safely.* {Mrkdwn.Escape(outcome.Proposal.Summary)}"));
        }
        else
        {
            var (added, removed) = Count(outcome.Patch);
            message.Add(new SectionBlock($"*Proposed fix* for {Mrkdwn.Escape(repository)}@{Mrkdwn.InlineCode(commit[..Math.Min(10, commit.Length)])}: {Mrkdwn.Escape(outcome.Proposal.Summary)}"));
            message.AddLongText("*Changes* (the patch is attached; it applies cleanly to this commit)\n"
                + string.Join('\n', outcome.ChangedFiles.Select(f => $"• {Mrkdwn.InlineCode(f)}"))
                + string.Create(inv, $"\n{added} line(s) added, {removed} removed · risk {Mrkdwn.Escape(outcome.Proposal.Risk)}"));
            if (!string.IsNullOrWhiteSpace(outcome.Proposal.TestPlan))
            {
                message.AddLongText("*How to check it*\n" + Mrkdwn.Escape(outcome.Proposal.TestPlan));
            }
        }

        if (outcome.Rejected.Count > 0)
        {
            message.AddLongText("*Edits left out*\n" + string.Join('\n', outcome.Rejected.Select(r => $"• {Mrkdwn.Escape(r)}")));
        }

        var usage = outcome.Usage;
        message.Add(new ContextBlock(TextObject.Markdown(Mrkdwn.Escape(string.Create(inv,
            $"{usage.Model} · {usage.InputTokens:N0} in / {usage.OutputTokens:N0} out · {(cost is { } c ? $"${c:0.0000}" : "cost unknown")} · a person reviews and merges; the bot never does")))));
        return message.WithFallbackText(outcome.Patch is null ? "No change could be made safely." : $"Proposed fix: {outcome.Proposal.Summary}").Build();
    }

    private static (int Added, int Removed) Count(string patch)
    {
        var lines = patch.Split('\n');
        return (lines.Count(l => l.StartsWith('+') && !l.StartsWith("+++", StringComparison.Ordinal)),
                lines.Count(l => l.StartsWith('-') && !l.StartsWith("---", StringComparison.Ordinal)));
    }
}
