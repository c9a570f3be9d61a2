using System.Text.Json;
using System.Text.RegularExpressions;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Hosting;
using ChatTriageBot.Jobs;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// Performs a triage queued from Slack: reads the thread, chooses the repository, runs the pipeline and answers in
/// the thread. The reply is posted through <see cref="JobContext.RunOnceAsync"/>, so a job re-run after a crash never
/// posts twice.
/// </summary>
public sealed partial class TriageJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    SlackApiClient slack,
    TriagePipeline pipeline,
    RepositoryRegistry registry,
    CodeReferenceExtractor extractor,
    TimeProvider timeProvider,
    ILogger<TriageJobHandler> logger) : IJobHandler
{
    public const string Kind = "triage.slack";

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(AppJsonContext.Default.TriageJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triage = await db.Triages.FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken)
            ?? throw new PermanentJobException($"triage {job.TriageId} does not exist");
        if (triage.Channel is null || triage.ThreadTs is null)
        {
            throw new PermanentJobException($"triage {triage.Id} has no Slack thread to answer in");
        }

        triage.Status = TriageStatus.Running;
        await db.SaveChangesAsync(cancellationToken);
        if (triage.MentionTs is { } mentionTs)
        {
            // The "I'm on it" signal on the message that asked.
            await context.RunOnceAsync("eyes", async ct =>
            {
                await slack.AddReactionAsync(triage.Channel, mentionTs, "eyes", ct);
                return mentionTs;
            }, cancellationToken);
        }

        var thread = await slack.GetRepliesAsync(triage.Channel, triage.ThreadTs, cancellationToken: cancellationToken);
        var (customerText, instruction) = Split(thread, triage.MentionTs);
        var choice = await registry.ChooseAsync(triage.Repository, extractor.Extract(customerText + "\n" + instruction), triage.Channel, cancellationToken);
        if (choice.Problem is { } problem)
        {
            await ReplyOnceAsync(context, triage, "reply", problem, cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, problem, cancellationToken);
            return;
        }

        if (choice.Chosen is not { } repository)
        {
            // Waiting first, buttons second: a click that comes the instant the buttons appear must find it waiting.
            await FinishAsync(db, triage, TriageStatus.AwaitingRepository, null, cancellationToken, completed: false);
            var ask = TriageSlackMessage.AskForRepository(triage.Id, choice.Candidates.Select(c => c.Name!).ToList());
            await context.RunOnceAsync("ask-repository", async ct => (await slack.PostMessageAsync(ask.ToOutgoingMessage(triage.Channel, triage.ThreadTs), ct)).Ts, cancellationToken);
            return;
        }

        var request = new TriageRequest(repository.CloneUrl!, null, customerText)
        {
            Instruction = instruction,
            RepositoryName = repository.Name,
        };

        TriageReport report;
        try
        {
            report = await pipeline.RunAsync(request, cancellationToken);
        }
        catch (RepositoryException exception)
        {
            await ReplyOnceAsync(context, triage, "reply", $"I could not read {repository.Name}: {exception.Message}", cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, exception.Message, cancellationToken);
            return;
        }
        catch (ModelException exception) when (exception.IsTransient && context.Attempt < 3)
        {
            TriageLog.ModelFailedWillRetry(logger, triage.Id, context.Attempt);
            throw;
        }
        catch (ModelException exception)
        {
            await ReplyOnceAsync(context, triage, "reply", $"The model could not answer: {exception.Message}", cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, exception.Message, cancellationToken);
            return;
        }

        var message = TriageSlackMessage.Render(report);
        var replyTs = await context.RunOnceAsync("reply", async ct => (await slack.PostMessageAsync(
            message.ToOutgoingMessage(triage.Channel, triage.ThreadTs), ct)).Ts, cancellationToken);
        if (message.Truncated)
        {
            // Slack's limits cut the message; the whole report goes into the thread as a file.
            await context.RunOnceAsync("full-report", ct => slack.UploadFileAsync(
                triage.Channel, triage.ThreadTs, $"triage-{triage.Id}.md", System.Text.Encoding.UTF8.GetBytes(TriageMarkdown.Render(report)),
                title: "Full triage report", snippetType: "markdown", cancellationToken: ct), cancellationToken);
        }

        triage.ReplyTs = replyTs;
        triage.Repository = repository.Name;
        triage.Commit = report.Commit;
        triage.ResultJson = JsonSerializer.Serialize(report, AppJsonContext.Default.TriageReport);
        triage.ManifestJson = JsonSerializer.Serialize(report.Context, AppJsonContext.Default.PackedContext);
        await FinishAsync(db, triage, TriageStatus.Completed, null, cancellationToken);
    }

    /// <summary>The customer's text (the thread's root and other people's replies) and the engineer's instruction (the mention).</summary>
    internal static (string CustomerText, string Instruction) Split(IReadOnlyList<ThreadMessage> thread, string? mentionTs)
    {
        var customer = new List<string>();
        var instruction = string.Empty;
        foreach (var message in thread)
        {
            if (message.BotId is not null)
            {
                continue;
            }

            var text = Mention().Replace(message.Text, string.Empty).Trim();
            if (message.Ts == mentionTs && !ReferenceEquals(message, thread[0]))
            {
                instruction = text;
            }
            else if (text.Length > 0)
            {
                customer.Add(text);
            }
        }

        return (string.Join("\n\n", customer), instruction);
    }

    private async Task ReplyOnceAsync(JobContext context, TriageRecord triage, string step, string text, CancellationToken cancellationToken) =>
        await context.RunOnceAsync(step, async ct => (await slack.PostMessageAsync(
            new OutgoingMessage(triage.Channel!, Mrkdwn.Escape(text)) { ThreadTs = triage.ThreadTs }, ct)).Ts, cancellationToken);

    private async Task FinishAsync(TriageDbContext db, TriageRecord triage, TriageStatus status, string? error, CancellationToken cancellationToken, bool completed = true)
    {
        triage.Status = status;
        triage.Error = error;
        triage.CompletedAt = completed ? timeProvider.GetUtcNow() : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();
}
