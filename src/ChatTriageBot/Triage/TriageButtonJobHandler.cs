using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Answers a click only the clicker should see (an ephemeral message in the triage's thread): the retrieval manifest
/// ("What was sent"), the customer-safe reply draft, or a thank-you for feedback.
/// </summary>
internal sealed class TriageButtonJobHandler(IDbContextFactory<TriageDbContext> databases, SlackApiClient slack) : IJobHandler
{
    public const string Kind = "triage.button";

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(TriageJsonContext.Default.TriageButtonJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triage = await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken)
            ?? throw new PermanentJobException($"triage {job.TriageId} does not exist");
        if (triage.Channel is null)
        {
            throw new PermanentJobException($"triage {triage.Id} has no Slack channel");
        }

        var report = triage.ResultJson is null ? null : JsonSerializer.Deserialize(triage.ResultJson, TriageJsonContext.Default.TriageReport);
        var message = job.Action switch
        {
            TriageActions.WhatWasSent => WhatWasSent(triage, report),
            TriageActions.CustomerReply => CustomerReply(report),
            TriageActions.Helpful => Text("Thanks, noted as helpful. It counts toward the weekly digest."),
            TriageActions.NotHelpful => Text("Thanks, noted as not helpful. Reply in the thread with what was wrong, and mention me to try again with your hint."),
            _ => throw new PermanentJobException($"unknown button {job.Action}"),
        };

        await context.RunOnceAsync("ephemeral", ct => slack.PostEphemeralAsync(
            triage.Channel, job.UserId, message.FallbackText, (System.Text.Json.Nodes.JsonArray)message.Blocks.DeepClone(), triage.ThreadTs, ct), cancellationToken);
    }

    /// <summary>The retrieval manifest: commit, every section sent (lines, tokens, why), what was left out and why.</summary>
    internal static BlockKitMessage WhatWasSent(TriageRecord triage, TriageReport? report)
    {
        if (report is null || triage.ManifestJson is null)
        {
            return Text("Nothing was sent for this request: it did not get as far as choosing the code.");
        }

        var manifest = JsonSerializer.Deserialize(triage.ManifestJson, CodeContextJsonContext.Default.PackedContext)!;
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var sent = report.Diagnosis is null && report.ReusedFrom is null ? "Chosen for the model (no model call was made)" : "Sent to the model";
        text.Append(inv, $"*{sent}* from {Mrkdwn.Escape(report.RepositoryName ?? report.Repository)} at {Mrkdwn.InlineCode(manifest.Commit)}: ")
            .Append(inv, $"{manifest.Sections.Count} section(s), {manifest.TotalTokens:N0} of {manifest.Budget:N0} tokens.\n");
        foreach (var section in manifest.Sections)
        {
            text.Append(inv, $"• {Mrkdwn.InlineCode($"{section.Path}:{section.StartLine}-{section.EndLine}")} · {section.Tokens:N0} tokens · {Mrkdwn.Escape(section.Reason)}\n");
        }

        if (manifest.LeftOut.Count > 0)
        {
            text.Append(inv, $"\n*Left out* ({manifest.LeftOut.Count}):\n");
            foreach (var left in manifest.LeftOut.Take(15))
            {
                text.Append(inv, $"• {Mrkdwn.InlineCode(left.Path)}: {Mrkdwn.Escape(left.Reason)}\n");
            }

            if (manifest.LeftOut.Count > 15)
            {
                text.Append(inv, $"• … and {manifest.LeftOut.Count - 15} more\n");
            }
        }

        text.Append(inv, $"\nThe customer's text went inside a delimited data block, after redaction ({Mrkdwn.Escape(report.Redaction)}).");
        return new SlackMessageBuilder("sent").AddLongText(text.ToString()).WithFallbackText($"{sent}: {manifest.Sections.Count} section(s)").Build();
    }

    internal static BlockKitMessage CustomerReply(TriageReport? report) =>
        report?.Diagnosis?.CustomerReply is { Length: > 0 } reply
            ? new SlackMessageBuilder("reply")
                .Add(new SectionBlock("*Draft reply for the customer* (only you see this; check it before sending):"))
                .AddLongText(Mrkdwn.Escape(reply))
                .WithFallbackText("Draft reply for the customer")
                .Build()
            : Text("There is no reply draft for this request (no diagnosis was made).");

    private static BlockKitMessage Text(string text) =>
        new SlackMessageBuilder("note").Add(new SectionBlock(Mrkdwn.Escape(text))).WithFallbackText(text).Build();
}
