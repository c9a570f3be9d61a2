using System.Globalization;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Jobs;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

/// <summary>
/// Performs a triage queued from Slack. It posts one message in the thread and updates it in place as stages finish
/// (reading, ranking, asking the model, the answer), so the thread gets one message, not a stream. Posts go through
/// <see cref="JobContext.RunOnceAsync"/>, so a job re-run after a crash never posts twice; updates are idempotent.
/// </summary>
internal sealed partial class TriageJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    TriageQueue queue,
    SlackApiClient slack,
    ThreadReader threads,
    TriagePipeline pipeline,
    RepositoryRegistry registry,
    SpendGate spend,
    IEnumerable<IButtonContributor<TriageAnswer>> buttonContributors,
    IOptions<TriageOptions> options,
    TimeProvider timeProvider,
    ILogger<TriageJobHandler> logger) : IJobHandler
{
    public const string Kind = "triage.slack";

    /// <summary>Transient model failures are retried by the job this many attempts before the thread is told.</summary>
    public const int ModelAttempts = 3;

    internal const string NothingToDiagnose =
        "There is nothing here to diagnose: mention me in the thread of a support message, or write the problem after the mention.";

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(TriageJsonContext.Default.TriageJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triageId = job is { TriageId: 0, Request: { } mention } ? await queue.RecordAsync(db, mention, cancellationToken) : job.TriageId;
        var triage = await db.Triages.FirstOrDefaultAsync(t => t.Id == triageId, cancellationToken)
            ?? throw new PermanentJobException($"triage {triageId} does not exist");
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

        // The one message of this triage: posted once, then updated as stages finish (a resumed triage reuses it).
        var reply = new ThreadReply(slack, triage.Channel, triage.ThreadTs);
        reply.Ts = triage.ReplyTs ?? await context.RunOnceAsync("reply", async ct =>
            (await slack.PostMessageAsync(TriageSlackMessage.Progress("Reading the thread…").ToOutgoingMessage(triage.Channel, triage.ThreadTs), ct)).Ts, cancellationToken);
        if (triage.ReplyTs is null)
        {
            triage.ReplyTs = reply.Ts;
            await db.SaveChangesAsync(cancellationToken);
        }

        if (job.Mode == TriageJobMode.Reuse && await ReuseEarlierAsync(db, triage, reply, cancellationToken))
        {
            return;
        }

        var request = await threads.ReadAsync(triage.Channel, triage.ThreadTs, triage.MentionTs, cancellationToken);
        if (string.IsNullOrWhiteSpace(request.CustomerText) && string.IsNullOrWhiteSpace(request.Instruction))
        {
            // A bare mention with no support message above it: nothing to rank and nothing worth paying a model for.
            await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, NothingToDiagnose, offerRetry: false), cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, NothingToDiagnose, cancellationToken);
            return;
        }

        var earlier = await EarlierInThreadAsync(db, triage, cancellationToken);
        var choice = await registry.ChooseAsync(triage.Repository ?? earlier?.Repository, CodeReferenceExtractor.Extract(request.CustomerText + "\n" + request.Instruction), triage.Channel, cancellationToken);
        if (choice.Problem is { } problem)
        {
            await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, problem, offerRetry: false), cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, problem, cancellationToken);
            return;
        }

        if (choice.Chosen is not { } repository)
        {
            // Waiting first, buttons second: a click that comes the instant the buttons appear must find it waiting.
            await FinishAsync(db, triage, TriageStatus.AwaitingRepository, null, cancellationToken, completed: false);
            await reply.ShowAsync(TriageSlackMessage.AskForRepository(triage.Id, choice.Candidates.Select(c => c.Name!).ToList()), cancellationToken);
            return;
        }

        triage.Repository = repository.Name;
        await reply.ShowAsync(TriageSlackMessage.Progress($"Finding the code in {repository.Name}…"), cancellationToken);
        PreparedTriage prepared;
        try
        {
            prepared = await pipeline.PrepareAsync(
                new TriageRequest(repository.CloneUrl!, null, request.CustomerText)
                {
                    Instruction = request.Instruction,
                    RepositoryName = repository.Name,
                    EarlierDiagnosis = earlier?.Summary,
                    Notes = request.Notes,
                },
                cancellationToken);
        }
        catch (Exception exception) when (exception is RepositoryException or RedactionException)
        {
            var text = exception is RepositoryException ? $"I could not read {repository.Name}: {exception.Message}" : exception.Message;
            await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, text, offerRetry: true), cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, exception.Message, cancellationToken);
            return;
        }

        using (prepared)
        {
            triage.Commit = prepared.Report.Commit;
            triage.ManifestJson = JsonSerializer.Serialize(prepared.Report.Context, CodeContextJsonContext.Default.PackedContext);
            triage.Fingerprint = RequestFingerprint.Compute(prepared.CustomerText);
            await db.SaveChangesAsync(cancellationToken);

            if (earlier is null && job.Mode is TriageJobMode.Normal && await OfferSimilarAsync(db, triage, reply, cancellationToken))
            {
                return;
            }

            if (!pipeline.IsModelAvailable)
            {
                await CompleteAsync(db, triage, reply, context, prepared.OfflineReport(), cancellationToken);
                return;
            }

            var decision = await spend.CheckAsync(triage, prepared.InputTokens, approved: job.Mode == TriageJobMode.SpendApproved, cancellationToken);
            if (decision.Refused is { } refusal)
            {
                await reply.ShowAsync(TriageSlackMessage.Notice(refusal), cancellationToken);
                await FinishAsync(db, triage, TriageStatus.OverBudget, refusal, cancellationToken);
                return;
            }

            if (decision.NeedsApproval is { } question)
            {
                await FinishAsync(db, triage, TriageStatus.AwaitingApproval, null, cancellationToken, completed: false);
                await reply.ShowAsync(TriageSlackMessage.AskForApproval(triage.Id, question), cancellationToken);
                return;
            }

            await reply.ShowAsync(TriageSlackMessage.Progress($"Asking {pipeline.ModelName} about {prepared.Sections.Count} section(s) of {repository.Name}@{prepared.Report.ShortCommit}…", decision.Estimate), cancellationToken);
            TriageReport report;
            try
            {
                using (SpendGate.Track(triage, earlier is null ? UsageOperations.Diagnosis : UsageOperations.FollowUp))
                {
                    report = await pipeline.DiagnoseAsync(prepared, cancellationToken);
                }
            }
            catch (ModelException exception) when (exception.IsTransient && context.Attempt < ModelAttempts)
            {
                TriageLog.ModelFailedWillRetry(logger, triage.Id, context.Attempt);
                await reply.ShowAsync(TriageSlackMessage.Progress(
                    string.Create(CultureInfo.InvariantCulture, $"The model did not answer (attempt {context.Attempt} of {ModelAttempts}); trying again shortly…"),
                    exception.Message), cancellationToken);
                throw;
            }
            catch (ModelException exception)
            {
                // For good: say so, and keep the triage one click away from another try.
                await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, $"The model could not answer: {exception.Message}", offerRetry: true), cancellationToken);
                await FinishAsync(db, triage, TriageStatus.Failed, exception.Message, cancellationToken);
                return;
            }

            // The call is in the usage ledger already: recorded as the model answered.
            await CompleteAsync(db, triage, reply, context, report, cancellationToken);
        }
    }

    private async Task CompleteAsync(TriageDbContext db, TriageRecord triage, ThreadReply reply, JobContext context, TriageReport report, CancellationToken cancellationToken)
    {
        var message = TriageSlackMessage.Render(report, ButtonsFor(triage, report));
        await reply.ShowAsync(message, cancellationToken);
        if (message.Truncated)
        {
            // Slack's limits cut the message; the whole report goes into the thread as a file.
            await context.RunOnceAsync("full-report", ct => slack.UploadFileAsync(
                triage.Channel!, triage.ThreadTs, $"triage-{triage.Id}.md", System.Text.Encoding.UTF8.GetBytes(TriageMarkdown.Render(report)),
                title: "Full triage report", snippetType: "markdown", cancellationToken: ct), cancellationToken);
        }

        triage.Commit = report.Commit;
        triage.ResultJson = JsonSerializer.Serialize(report, TriageJsonContext.Default.TriageReport);
        triage.ManifestJson = JsonSerializer.Serialize(report.Context, CodeContextJsonContext.Default.PackedContext);
        await TriageFacts.RecordAsync(db, triage, report, timeProvider.GetUtcNow(), cancellationToken);
        await FinishAsync(db, triage, TriageStatus.Completed, null, cancellationToken);
    }

    /// <summary>The latest finished diagnosis earlier in the same thread (a follow-up continues it); never another thread's.</summary>
    private static async Task<EarlierTriage?> EarlierInThreadAsync(TriageDbContext db, TriageRecord triage, CancellationToken cancellationToken)
    {
        var earlier = await db.Triages.AsNoTracking()
            .Where(t => t.Channel == triage.Channel && t.ThreadTs == triage.ThreadTs && t.Id < triage.Id && t.Status == TriageStatus.Completed && t.ResultJson != null)
            .OrderByDescending(t => t.Id)
            .Select(t => new { t.Repository, t.ResultJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        var report = JsonSerializer.Deserialize(earlier.ResultJson!, TriageJsonContext.Default.TriageReport);
        return new EarlierTriage(earlier.Repository, report is null ? null : TriageMarkdown.DiagnosisSummary(report));
    }

    /// <summary>
    /// A new request very like one diagnosed recently in the same repository: offer that diagnosis before spending.
    /// Only the signatures are compared; no earlier text is kept or read.
    /// </summary>
    private async Task<bool> OfferSimilarAsync(TriageDbContext db, TriageRecord triage, ThreadReply reply, CancellationToken cancellationToken)
    {
        if (triage.Fingerprint is null || options.Value.SimilarityThreshold >= 1)
        {
            return false;
        }

        var since = timeProvider.GetUtcNow().AddDays(-options.Value.SimilarWithinDays);
        var candidates = await db.Triages.AsNoTracking()
            .Where(t => t.Repository == triage.Repository && t.Id != triage.Id && t.CreatedAt >= since && t.Status == TriageStatus.Completed
                && t.Fingerprint != null && t.ResultJson != null && !(t.Channel == triage.Channel && t.ThreadTs == triage.ThreadTs))
            .OrderByDescending(t => t.Id)
            .Take(1000)
            .Select(t => new { t.Id, t.Fingerprint, t.Channel, t.ThreadTs })
            .ToListAsync(cancellationToken);
        var best = candidates
            .Select(c => (c.Id, c.Channel, c.ThreadTs, Similarity: RequestFingerprint.Similarity(triage.Fingerprint, c.Fingerprint)))
            .Where(c => c.Similarity >= options.Value.SimilarityThreshold)
            .OrderByDescending(c => c.Similarity)
            .FirstOrDefault();
        if (best.Id == 0 || best.Channel is null || best.ThreadTs is null)
        {
            return false;
        }

        var earlierJson = await db.Triages.AsNoTracking().Where(t => t.Id == best.Id).Select(t => t.ResultJson).FirstAsync(cancellationToken);
        var earlierReport = JsonSerializer.Deserialize(earlierJson!, TriageJsonContext.Default.TriageReport);
        var link = await slack.GetPermalinkAsync(best.Channel, best.ThreadTs, cancellationToken);
        triage.SimilarToId = best.Id;
        await FinishAsync(db, triage, TriageStatus.AwaitingDecision, null, cancellationToken, completed: false);
        var summary = earlierReport?.Diagnosis?.Summary ?? earlierReport?.Note ?? "a retrieval report";
        await reply.ShowAsync(TriageSlackMessage.OfferEarlier(triage.Id, link, best.Similarity, summary), cancellationToken);
        return true;
    }

    /// <summary>"Use that diagnosis": the earlier report, posted here with a link back, at no model cost.</summary>
    private async Task<bool> ReuseEarlierAsync(TriageDbContext db, TriageRecord triage, ThreadReply reply, CancellationToken cancellationToken)
    {
        var earlier = triage.SimilarToId is { } id ? await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken) : null;
        if (earlier?.ResultJson is null || earlier.Channel is null || earlier.ThreadTs is null)
        {
            return false;
        }

        var report = JsonSerializer.Deserialize(earlier.ResultJson, TriageJsonContext.Default.TriageReport)!;
        var link = await slack.GetPermalinkAsync(earlier.Channel, earlier.ThreadTs, cancellationToken);
        var reused = report with { ReusedFrom = link, Usage = null, Cost = null, ElapsedMs = 0 };
        await reply.ShowAsync(TriageSlackMessage.Render(reused, ButtonsFor(triage, reused)), cancellationToken);
        triage.Commit = earlier.Commit;
        triage.ResultJson = JsonSerializer.Serialize(reused, TriageJsonContext.Default.TriageReport);
        triage.ManifestJson = earlier.ManifestJson;
        await TriageFacts.RecordAsync(db, triage, reused, timeProvider.GetUtcNow(), cancellationToken);
        await FinishAsync(db, triage, TriageStatus.Completed, null, cancellationToken);
        return true;
    }

    /// <summary>The answer's buttons: each registered feature's for this answer (<see cref="IButtonContributor{TSubject}"/>), then the triage's own.</summary>
    private TriageButtons ButtonsFor(TriageRecord triage, TriageReport report)
    {
        var answer = new TriageAnswer(triage.Id, report);
        return new TriageButtons(triage.Id, [.. buttonContributors.SelectMany(c => c.ButtonsFor(answer))]);
    }

    private async Task FinishAsync(TriageDbContext db, TriageRecord triage, TriageStatus status, string? error, CancellationToken cancellationToken, bool completed = true)
    {
        triage.Status = status;
        triage.Error = error;
        triage.CompletedAt = completed ? timeProvider.GetUtcNow() : null;
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record EarlierTriage(string? Repository, string? Summary);
}
