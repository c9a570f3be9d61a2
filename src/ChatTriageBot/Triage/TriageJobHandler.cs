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
/// (reading, ranking, asking the model, the answer), so the thread gets one message, not a stream. Every side effect is
/// findable or keyed: the message is posted through <see cref="SlackPosts"/> under the triage's key and recorded as a
/// job step, so a job re-run after a crash finds it instead of posting again; the model's answer is recorded as a step,
/// so a re-run after the model answered does not ask (and pay) again; updates and the reaction are idempotent. A re-run
/// says in the status line that it is resuming. Who may ask is checked here, not in Slack's request.
/// </summary>
internal sealed partial class TriageJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    TriageQueue queue,
    SlackApiClient slack,
    SlackPosts posts,
    SlackAccess access,
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

    /// <summary>The job step that records the model's answer (the serialized <see cref="TriageReport"/>).</summary>
    private const string DiagnosisStep = "diagnosis";

    internal const string NothingToDiagnose =
        "There is nothing here to diagnose: mention me in the thread of a support message, or write the problem after the mention.";

    internal const string NotAllowed = "Sorry, you are not on the list of people who may ask me for a diagnosis here.";

    internal const string MessageGone =
        "I cannot find the message I was mentioned in, or its thread: it was deleted, or it is in a conversation I cannot read.";

    internal const string GaveUpText = "Something went wrong and I stopped working on this diagnosis. Click Try again to start it again.";

    internal const string Resuming = "Picking this up again after a restart…";

    /// <summary>Slack's errors that mean the conversation or the message is not there (or not for us) and never will be.</summary>
    private static readonly HashSet<string> GoneErrors = new(StringComparer.Ordinal)
    {
        "channel_not_found", "thread_not_found", "message_not_found", "not_in_channel", "is_archived", "cant_update_message",
    };

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await RunAsync(context, cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsTransient)
        {
            // Slack refused for a reason that trying again cannot change (the channel or message is gone, a scope is
            // missing): fail once, with the detail in the log, instead of five times.
            throw new PermanentJobException($"Slack refused the triage's work: {exception.Message}", exception);
        }
    }

    /// <summary>The triage failed for good: its message says so plainly (the detail is in the log) and offers Try again.</summary>
    public async Task GaveUpAsync(JobContext context, Exception? exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(TriageJsonContext.Default.TriageJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triage = job.TriageId != 0
            ? await db.Triages.FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken)
            : job.Request is { } request
                ? await db.Triages.FirstOrDefaultAsync(t => t.Channel == request.Channel && t.MentionTs == request.MentionTs, cancellationToken)
                : null;
        if (triage is null || triage.Status is TriageStatus.Completed or TriageStatus.Failed)
        {
            return;
        }

        await FinishAsync(db, triage, TriageStatus.Failed, exception?.Message ?? "the job's last attempt never finished", cancellationToken);
        if (triage is { ReplyTs: { } ts, Channel: { } channel } && !(exception is PermanentJobException { InnerException: SlackApiException }))
        {
            var message = TriageSlackMessage.Problem(triage.Id, GaveUpText, offerRetry: true);
            await slack.UpdateMessageAsync(channel, ts, message.FallbackText, message.Blocks, cancellationToken);
        }
    }

    private async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var job = context.GetPayload(TriageJsonContext.Default.TriageJob);
        if (job is { TriageId: 0, Request: { } asking } && !await access.IsAllowedFromSlackAsync(MentionHandler.DiagnosePermission, asking.UserId, emptyMeansEveryone: true, cancellationToken))
        {
            // Told once, only to the person who asked; nothing is recorded as a triage.
            await context.RunOnceAsync("refused", async ct => await slack.PostEphemeralAsync(asking.Channel, asking.UserId, NotAllowed, threadTs: asking.ThreadTs, cancellationToken: ct), cancellationToken);
            return;
        }

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
        var mentionGone = false;
        if (triage.MentionTs is { } mentionTs)
        {
            // The "I'm on it" signal on the message that asked (idempotent: a second one is "already_reacted").
            mentionGone = await context.RunOnceAsync("eyes", async ct =>
            {
                try
                {
                    await slack.AddReactionAsync(triage.Channel, mentionTs, "eyes", ct);
                    return mentionTs;
                }
                catch (SlackApiException exception) when (exception.Error == "message_not_found")
                {
                    return "gone";
                }
            }, cancellationToken) == "gone";
        }

        // The one message of this triage: posted once (tagged with the triage's key and recorded, so a re-run finds it),
        // then updated as stages finish; a triage run again (Try again) reuses it.
        var reply = new ThreadReply(slack, triage.Channel, triage.ThreadTs);
        var resumedPost = triage.ReplyTs is null && context.Resumed;
        reply.Ts = triage.ReplyTs ?? await context.RunOnceAsync("reply", async (mayExist, ct) =>
            (await posts.PostAsync(
                TriageSlackMessage.Progress("Reading the thread…").ToOutgoingMessage(triage.Channel, triage.ThreadTs),
                PostKey(triage.Id),
                lookFirst: mayExist,
                ct)).Ts, cancellationToken);
        if (triage.ReplyTs is null)
        {
            triage.ReplyTs = reply.Ts;
            await db.SaveChangesAsync(cancellationToken);
        }

        if (context.Resumed && !resumedPost)
        {
            // The status line may show a stage from before the restart: say that the work is being picked up again.
            await reply.ShowAsync(TriageSlackMessage.Progress(Resuming), cancellationToken);
        }

        if (job.Mode == TriageJobMode.Reuse && await ReuseEarlierAsync(db, triage, reply, cancellationToken))
        {
            return;
        }

        ThreadRequest request;
        var reading = timeProvider.GetTimestamp();
        try
        {
            request = await threads.ReadAsync(triage.Channel, triage.ThreadTs, triage.MentionTs, cancellationToken);
            TriageMetrics.Stage("read", timeProvider.GetElapsedTime(reading));
        }
        catch (SlackApiException exception) when (GoneErrors.Contains(exception.Error))
        {
            request = new ThreadRequest(string.Empty, string.Empty, []) { MentionFound = false };
        }

        if (mentionGone || !request.MentionFound)
        {
            // Answered once, plainly; trying again cannot bring the message back.
            TriageLog.MessageGone(logger, triage.Id);
            await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, MessageGone, offerRetry: false), cancellationToken);
            await FinishAsync(db, triage, TriageStatus.Failed, MessageGone, cancellationToken);
            return;
        }

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
        var preparing = timeProvider.GetTimestamp();
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

        TriageMetrics.Stage("prepare", timeProvider.GetElapsedTime(preparing));
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

            // An answer recorded by an earlier attempt is paid for already: the re-run neither checks the caps again nor
            // asks the model; it posts that answer.
            if (await context.GetStepAsync(DiagnosisStep, cancellationToken) is null)
            {
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
            }

            TriageReport report;
            try
            {
                // The answer is recorded as soon as it comes: a re-run after a crash uses it instead of asking (and paying) again.
                var answer = await context.RunOnceAsync(DiagnosisStep, async ct =>
                {
                    var asking = timeProvider.GetTimestamp();
                    TriageReport diagnosed;
                    using (SpendGate.Track(triage, earlier is null ? UsageOperations.Diagnosis : UsageOperations.FollowUp))
                    {
                        diagnosed = await pipeline.DiagnoseAsync(prepared, ct);
                    }

                    TriageMetrics.Stage("model", timeProvider.GetElapsedTime(asking));
                    return JsonSerializer.Serialize(diagnosed, TriageJsonContext.Default.TriageReport);
                }, cancellationToken);
                report = JsonSerializer.Deserialize(answer, TriageJsonContext.Default.TriageReport)!;
            }
            catch (ModelException exception) when (exception.IsTransient && context.Attempt < ModelAttempts)
            {
                TriageLog.ModelFailedWillRetry(logger, triage.Id, context.Attempt, exception);
                await reply.ShowAsync(TriageSlackMessage.Progress(
                    string.Create(CultureInfo.InvariantCulture, $"The model did not answer (attempt {context.Attempt} of {ModelAttempts}); trying again shortly…"),
                    exception.PlainReason), cancellationToken);
                throw;
            }
            catch (ModelException exception)
            {
                // For good: say so plainly (the provider's own words are in the log), and keep the triage one click away
                // from another try.
                TriageLog.ModelGaveUp(logger, triage.Id, context.Attempt, exception);
                await reply.ShowAsync(TriageSlackMessage.Problem(triage.Id, $"The model could not answer: {exception.PlainReason}", offerRetry: true), cancellationToken);
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
        // The report is stored before its buttons appear: a click on one (what was sent, Generate fix) reads it.
        triage.Commit = report.Commit;
        triage.ResultJson = JsonSerializer.Serialize(report, TriageJsonContext.Default.TriageReport);
        triage.ManifestJson = JsonSerializer.Serialize(report.Context, CodeContextJsonContext.Default.PackedContext);
        await db.SaveChangesAsync(cancellationToken);
        var posting = timeProvider.GetTimestamp();
        await reply.ShowAsync(message, cancellationToken);
        TriageMetrics.Stage("post", timeProvider.GetElapsedTime(posting));
        if (message.Truncated)
        {
            // Slack's limits cut the message; the whole report goes into the thread as a file.
            await context.RunOnceAsync("full-report", (mayExist, ct) => posts.UploadAsync(
                triage.Channel!, triage.ThreadTs, $"triage-{triage.Id}.md", System.Text.Encoding.UTF8.GetBytes(TriageMarkdown.Render(report)),
                "Full triage report", "markdown", lookFirst: mayExist, ct), cancellationToken);
        }

        await TriageFacts.RecordAsync(db, triage, report, timeProvider.GetUtcNow(), cancellationToken);
        await FinishAsync(db, triage, TriageStatus.Completed, null, cancellationToken);
    }

    /// <summary>The key a triage's thread message is posted under (<see cref="SlackPosts"/>).</summary>
    public static string PostKey(long triageId) => string.Create(CultureInfo.InvariantCulture, $"triage:{triageId}");

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
        triage.Commit = earlier.Commit;
        triage.ResultJson = JsonSerializer.Serialize(reused, TriageJsonContext.Default.TriageReport);
        triage.ManifestJson = earlier.ManifestJson;
        await db.SaveChangesAsync(cancellationToken);
        await reply.ShowAsync(TriageSlackMessage.Render(reused, ButtonsFor(triage, reused)), cancellationToken);
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
        TriageMetrics.Finished(status);
    }

    private sealed record EarlierTriage(string? Repository, string? Summary);
}
