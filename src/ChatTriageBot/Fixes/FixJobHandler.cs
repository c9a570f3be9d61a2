using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Jobs;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Writes the fix a person asked for, or a new one replacing it (a revision an engineer asked for, or a regeneration on
/// the default branch's head): one message in the thread, updated in place (working, then the result), the patch
/// attached as a file (a new patch replaces the old file), and the checks a patch must pass before it can become a pull
/// request (<see cref="PatchChecks"/>, then the repository's check command). Spending caps apply as for diagnoses (the
/// click counts as the approval a warning would ask for). Nothing is pushed anywhere here: a person reviews the patch.
/// Every side effect is findable or keyed: the message is posted under the fix's key (<see cref="SlackPosts"/>) and the
/// patch under a file name unique to the fix and revision, each recorded as a job step, so a re-run after a crash finds
/// them instead of posting twice; the model's answer is recorded as a step too, so a re-run after the model answered does
/// not ask (and pay) again. A re-run says in the message that it is resuming.
/// </summary>
internal sealed class FixJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    SlackApiClient slack,
    SlackPosts posts,
    RepositoryRegistry registry,
    FixGenerator generator,
    PatchChecks patchChecks,
    CheckCommandRunner checkCommands,
    FixMessages messages,
    SpendGate spend,
    IOptions<RedactionOptions> redaction,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> codeContext,
    TimeProvider timeProvider,
    ILogger<FixJobHandler> logger) : IJobHandler
{
    public const string Kind = "fix.generate";

    public const string DefaultInstruction = "Write the smallest fix for the diagnosed problem.";

    public const string RegenerateInstruction =
        "The default branch moved since the earlier fix was written and it no longer applies. Write the smallest fix for the diagnosed problem at this commit.";

    private const int ModelAttempts = 3;

    /// <summary>The job step that records the model's answer: the <see cref="FixOutcome"/>, patch included.</summary>
    private const string AnswerStep = "answer";

    internal const string GaveUpText = "Something went wrong and I stopped writing this fix; ask for it again by mentioning me with what to change, or click Generate fix on a new diagnosis.";

    internal const string Resuming = "Picking this up again after a restart…";

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(FixesJsonContext.Default.FixJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triage = await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken)
            ?? throw new PermanentJobException($"triage {job.TriageId} does not exist");
        if (triage.Channel is null || triage.ThreadTs is null)
        {
            throw new PermanentJobException($"triage {triage.Id} has no Slack thread");
        }

        FixesLog.Started(logger, triage.Id, job.UserId, context.Attempt);
        var fix = await db.Fixes.FirstOrDefaultAsync(f => f.TriageId == triage.Id, cancellationToken);
        if (job.Mode == FixJobMode.Generate)
        {
            if (fix is null)
            {
                fix = new FixRecord { TriageId = triage.Id, RequestedBy = job.UserId, CreatedAt = timeProvider.GetUtcNow(), Model = generator.Model, BaseCommit = triage.Commit };
                db.Fixes.Add(fix);
                await db.SaveChangesAsync(cancellationToken);
            }

            var posted = fix.ReplyTs is not null;
            fix.ReplyTs ??= await context.RunOnceAsync("reply", async (mayExist, ct) => (await posts.PostAsync(
                Progress("Writing a fix for the diagnosis above…").ToOutgoingMessage(triage.Channel, triage.ThreadTs), PostKey(fix.Id), lookFirst: mayExist, ct)).Ts, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (context.Resumed && posted)
            {
                await slack.UpdateMessageAsync(triage.Channel, fix.ReplyTs, Resuming, Progress(Resuming).Blocks, cancellationToken);
            }
        }
        else if (fix is null || !await ClaimAsync(db, context, fix, job, triage, cancellationToken))
        {
            return;
        }

        var previous = Previous(fix, triage);
        async Task ShowAsync(BlockKitMessage message) => await slack.UpdateMessageAsync(triage.Channel, fix.ReplyTs!, message.FallbackText, message.Blocks, cancellationToken);

        var report = triage.ResultJson is null ? null : JsonSerializer.Deserialize(triage.ResultJson, TriageJsonContext.Default.TriageReport);
        var baseCommit = job.Mode switch
        {
            FixJobMode.Regenerate => previous.StaleHead ?? fix.BaseCommit ?? triage.Commit,
            _ => fix.BaseCommit ?? triage.Commit,
        };
        if (report?.Diagnosis is null || baseCommit is null || registry.Find(triage.Repository) is not { CloneUrl: { } cloneUrl } repository)
        {
            FixesLog.Failed(logger, triage.Id, "no diagnosis at a known commit of a configured repository", null);
            await FailAsync(db, context, triage, fix, job, "There is no diagnosis at a known commit to fix (or its repository is no longer configured).", ShowAsync, cancellationToken);
            return;
        }

        FixOutcome outcome;
        IReadOnlyList<FixCheck> checks;
        RepositorySnapshot snapshot;
        try
        {
            snapshot = await FixSnapshots.OpenAsync(cloneUrl, baseCommit, data.Value.FullPath, codeContext.Value, cancellationToken);
        }
        catch (RepositoryException exception)
        {
            FixesLog.Failed(logger, triage.Id, "the repository could not be read", exception);
            await FailAsync(db, context, triage, fix, job, $"No fix: {exception.Message}", ShowAsync, cancellationToken);
            return;
        }

        using (snapshot)
        {
            try
            {
                // The answer (and the patch made of it) is recorded as soon as it comes: a re-run after a crash uses it
                // instead of checking the caps and asking (and paying) again; the checks, the upload and the message follow.
                var answer = await context.GetStepAsync(AnswerStep, cancellationToken);
                if (answer is null)
                {
                    var sections = generator.Sections(snapshot, report);
                    var diagnosis = TriageMarkdown.DiagnosisSummary(report)!;
                    var instruction = job.Mode switch
                    {
                        FixJobMode.Revise => new Redactor(redaction.Value).Redact(job.Instruction ?? string.Empty).Text,
                        FixJobMode.Regenerate => RegenerateInstruction,
                        _ => DefaultInstruction,
                    };
                    var earlierPatch = job.Mode == FixJobMode.Revise ? fix.Patch : null;
                    var inputTokens = generator.CountInputTokens(instruction, diagnosis, sections, earlierPatch);
                    var decision = await spend.CheckAsync(triage, generator.Model, inputTokens, generator.MaxOutputTokens, job.UserId, approved: true, cancellationToken);
                    if (decision.Refused is { } refusal)
                    {
                        FixesLog.Failed(logger, triage.Id, "a spending cap refused the model call", null);
                        await FailAsync(db, context, triage, fix, job, refusal, ShowAsync, cancellationToken);
                        return;
                    }

                    FixesLog.AskingModel(logger, triage.Id, generator.Model, sections.Count, inputTokens);
                    await ShowAsync(Progress(job.Mode switch
                    {
                        FixJobMode.Revise => $"Revising the fix as asked: asking {generator.Model}…",
                        FixJobMode.Regenerate => $"Writing the fix again on {triage.Repository}@{Short(baseCommit)}…",
                        _ => $"Asking {generator.Model} for a fix to {sections.Count} file(s) of {triage.Repository}@{Short(baseCommit)}…",
                    }, decision.Estimate));
                    answer = await context.RunOnceAsync(AnswerStep, async ct =>
                    {
                        using (SpendGate.Track(triage, job.Mode == FixJobMode.Revise ? UsageOperations.Revision : UsageOperations.Fix, job.UserId))
                        {
                            var generated = await generator.GenerateAsync(snapshot, instruction, diagnosis, sections, earlierPatch, ct);
                            return JsonSerializer.Serialize(generated, FixesJsonContext.Default.FixOutcome);
                        }
                    }, cancellationToken);
                }

                outcome = JsonSerializer.Deserialize(answer, FixesJsonContext.Default.FixOutcome)!;
            }
            catch (ModelException exception) when (exception.IsTransient && context.Attempt < ModelAttempts)
            {
                FixesLog.ModelFailedWillRetry(logger, triage.Id, context.Attempt);
                await ShowAsync(Progress(string.Create(CultureInfo.InvariantCulture, $"The model did not answer (attempt {context.Attempt} of {ModelAttempts}); trying again shortly…"), exception.PlainReason));
                throw;
            }
            catch (Exception exception) when (exception is ModelException or RepositoryException or RedactionException)
            {
                FixesLog.Failed(logger, triage.Id, exception switch
                {
                    ModelException => "the model could not answer",
                    RedactionException => "the instruction could not be redacted",
                    _ => "the repository could not be read or the patch did not apply",
                }, exception);
                await FailAsync(db, context, triage, fix, job, $"No fix: {(exception is ModelException model ? "the model could not answer: " + model.PlainReason : exception.Message)}", ShowAsync, cancellationToken);
                return;
            }

            checks = outcome.Patch is { } patch ? await CheckAsync(snapshot, repository, outcome.ChangedFiles, patch, ShowAsync, cancellationToken) : [];
        }

        LogOutcome(triage.Id, outcome);
        // The call is in the usage ledger already: recorded as the model answered.
        var cost = spend.Cost(outcome.Usage);
        if (outcome.Patch is null && job.Mode == FixJobMode.Revise && previous.HasPatch)
        {
            // A revision that changes nothing safely leaves the earlier patch standing.
            fix.Status = FixStatus.Ready;
            await db.SaveChangesAsync(cancellationToken);
            await messages.ShowAsync(fix, triage, null, cancellationToken);
            await TellAsync(context, triage, job.UserId, $"The revision could not be made safely ({outcome.Proposal.Summary}); the earlier patch stands.", cancellationToken);
            return;
        }

        var revision = job.Mode == FixJobMode.Generate ? fix.Revision : fix.Revision + 1;
        var (added, removed) = outcome.Patch is null ? (0, 0) : PatchText.CountLines(outcome.Patch);
        var details = new FixDetails
        {
            Summary = outcome.Proposal.Summary,
            Repository = triage.Repository!,
            Commit = baseCommit,
            HasPatch = outcome.Patch is not null,
            ChangedFiles = outcome.ChangedFiles,
            Added = added,
            Removed = removed,
            TestPlan = outcome.Proposal.TestPlan,
            Risk = outcome.Proposal.Risk,
            Rejected = outcome.Rejected,
            Checks = checks,
            Footer = FixSlackMessage.Footer(outcome.Usage, cost),
            RevisedBy = job.Mode == FixJobMode.Generate ? null : job.UserId,
        };

        var fileId = fix.PatchFileId;
        if (outcome.Patch is { } attached)
        {
            var name = revision == 0 ? $"fix-{triage.Id}.patch" : string.Create(CultureInfo.InvariantCulture, $"fix-{triage.Id}-r{revision}.patch");
            // The file's name is unique to the fix and revision, so a re-run after a crash finds an upload it cannot remember.
            fileId = await context.RunOnceAsync("patch", (mayExist, ct) => posts.UploadAsync(
                triage.Channel, triage.ThreadTs, name, Encoding.UTF8.GetBytes(attached), revision == 0 ? "Proposed fix" : $"Proposed fix, revision {revision}", "diff", lookFirst: mayExist, ct), cancellationToken);
            if (fix.PatchFileId is { } old && old != fileId)
            {
                // The new patch replaces the old one: the thread keeps one patch file per fix.
                await context.RunOnceAsync("delete-old-patch", async ct =>
                {
                    await slack.DeleteFileAsync(old, ct);
                    return old;
                }, cancellationToken);
            }
        }

        fix.Status = outcome.Patch is null ? FixStatus.Failed : FixStatus.Ready;
        fix.Summary = outcome.Proposal.Summary;
        fix.Patch = outcome.Patch;
        fix.BaseCommit = baseCommit;
        fix.Revision = revision;
        fix.DetailsJson = JsonSerializer.Serialize(details, FixesJsonContext.Default.FixDetails);
        fix.ChecksPassed = details.ChecksPassed;
        fix.PatchFileId = fileId;
        fix.Model = outcome.Usage.Model;
        fix.Error = null;
        fix.CompletedAt = timeProvider.GetUtcNow();
        // Saved before the buttons are shown: a click the instant they appear finds the fix ready.
        await db.SaveChangesAsync(cancellationToken);
        await messages.ShowAsync(fix, triage, null, cancellationToken);
    }

    /// <summary>The fix failed for good: its message says so plainly (the detail is in the log), and the fix can be revised or asked for again.</summary>
    public async Task GaveUpAsync(JobContext context, Exception? exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(FixesJsonContext.Default.FixJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var fix = await db.Fixes.FirstOrDefaultAsync(f => f.TriageId == job.TriageId, cancellationToken);
        var triage = await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken);
        if (fix is null || triage is null || fix.Status != FixStatus.Generating)
        {
            return;
        }

        fix.Status = fix.Patch is null ? FixStatus.Failed : FixStatus.Ready;
        fix.Error = fix.Patch is null ? GaveUpText : fix.Error;
        fix.CompletedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (fix.Patch is null && fix.ReplyTs is { } ts && triage.Channel is { } channel)
        {
            var message = new SlackMessageBuilder("fix").Add(new SectionBlock($":warning: {Mrkdwn.Escape(GaveUpText)}")).WithFallbackText(GaveUpText).Build();
            await slack.UpdateMessageAsync(channel, ts, message.FallbackText, message.Blocks, cancellationToken);
        }
        else
        {
            await messages.ShowAsync(fix, triage, null, cancellationToken);
        }
    }

    /// <summary>The key a fix's thread message is posted under (<see cref="SlackPosts"/>).</summary>
    public static string PostKey(long fixId) => string.Create(CultureInfo.InvariantCulture, $"fix:{fixId}");

    /// <summary>
    /// A revision or regeneration takes the fix from the state it may start from (ready or failed; stale) to
    /// generating, once per job; when the fix is not in such a state (discarded, opened as a pull request, being
    /// written) the requester is told why and nothing happens.
    /// </summary>
    private async Task<bool> ClaimAsync(TriageDbContext db, JobContext context, FixRecord fix, FixJob job, TriageRecord triage, CancellationToken cancellationToken)
    {
        FixStatus[] from = job.Mode == FixJobMode.Regenerate ? [FixStatus.Stale] : [FixStatus.Ready, FixStatus.Failed];
        string claim;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The state change and the record that this job made it commit together, so a run after a crash knows
            // whether the fix is being written by this job (carry on) or by another (refuse).
            claim = await db.JobSteps.AsNoTracking().Where(s => s.JobId == context.JobId && s.Step == "claim").Select(s => s.Result).FirstOrDefaultAsync(cancellationToken)
                ?? await ClaimOnceAsync(db, context, fix.Id, from, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await db.Entry(fix).ReloadAsync(cancellationToken);
        if (claim == "claimed")
        {
            return true;
        }

        var why = fix.Status switch
        {
            FixStatus.Discarded => "it was discarded",
            FixStatus.Published => $"a draft pull request was already opened from it ({fix.PullRequestUrl})",
            FixStatus.Generating => "it is being written right now; try again when it is done",
            FixStatus.Stale => "it no longer applies to the default branch; click Regenerate",
            _ => "it is not in a state that can change",
        };
        await TellAsync(context, triage, job.UserId, $"The fix cannot be {(job.Mode == FixJobMode.Regenerate ? "regenerated" : "revised")}: {why}.", cancellationToken);
        return false;
    }

    private async Task<string> ClaimOnceAsync(TriageDbContext db, JobContext context, long fixId, FixStatus[] from, CancellationToken cancellationToken)
    {
        var claimed = await db.Fixes
            .Where(f => f.Id == fixId && from.Contains(f.Status))
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.Status, FixStatus.Generating), cancellationToken);
        var result = claimed == 1 ? "claimed" : "refused";
        db.JobSteps.Add(new JobStepRecord { JobId = context.JobId, Step = "claim", Result = result, CompletedAt = timeProvider.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>The paths and size checks, then (when they passed and the repository has one) its check command.</summary>
    private async Task<IReadOnlyList<FixCheck>> CheckAsync(
        RepositorySnapshot snapshot, RepositoryOptions repository, IReadOnlyList<string> changedFiles, string patch, Func<BlockKitMessage, Task> show, CancellationToken cancellationToken)
    {
        var checks = patchChecks.Check(snapshot, changedFiles, patch).ToList();
        if (checks.All(c => c.Passed) && repository.CheckCommand is { Length: > 0 } command && !string.IsNullOrWhiteSpace(command))
        {
            await show(Progress($"Checking the patch: running `{command}` at {Short(snapshot.CommitSha)} with the patch applied…"));
            checks.Add(await checkCommands.RunAsync(snapshot.RepositoryPath, snapshot.CommitSha, patch, command, cancellationToken));
        }

        return checks;
    }

    private static (bool HasPatch, string? StaleHead) Previous(FixRecord fix, TriageRecord triage)
    {
        var details = fix.DetailsJson is null ? null : FixMessages.Details(fix, triage);
        return (fix.Patch is not null, details?.StaleHead);
    }

    private async Task FailAsync(
        TriageDbContext db, JobContext context, TriageRecord triage, FixRecord fix, FixJob job, string reason, Func<BlockKitMessage, Task> show, CancellationToken cancellationToken)
    {
        if (job.Mode == FixJobMode.Revise && fix.Patch is not null)
        {
            // The earlier patch stands: its message comes back, and only the person who asked reads why.
            fix.Status = FixStatus.Ready;
            await db.SaveChangesAsync(cancellationToken);
            await messages.ShowAsync(fix, triage, null, cancellationToken);
            await TellAsync(context, triage, job.UserId, $"The revision failed: {reason} The earlier patch stands.", cancellationToken);
            return;
        }

        await show(new SlackMessageBuilder("fix").Add(new SectionBlock($":warning: {Mrkdwn.Escape(reason)}")).WithFallbackText(reason).Build());
        fix.Status = FixStatus.Failed;
        fix.Error = reason;
        fix.CompletedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private void LogOutcome(long triageId, FixOutcome outcome)
    {
        foreach (var reason in outcome.Rejected)
        {
            FixesLog.EditLeftOut(logger, triageId, reason);
        }

        if (outcome.Patch is null)
        {
            FixesLog.PatchRefused(logger, triageId, outcome.Rejected.Count, outcome.Usage.InputTokens, outcome.Usage.OutputTokens);
        }
        else
        {
            FixesLog.PatchProduced(logger, triageId, outcome.ChangedFiles.Count, outcome.Rejected.Count, outcome.Usage.InputTokens, outcome.Usage.OutputTokens);
        }
    }

    /// <summary>Something only the person who asked should read, posted once per job.</summary>
    private async Task TellAsync(JobContext context, TriageRecord triage, string userId, string text, CancellationToken cancellationToken) =>
        await context.RunOnceAsync("told", ct => slack.PostEphemeralAsync(triage.Channel!, userId, text, threadTs: triage.ThreadTs, cancellationToken: ct), cancellationToken);

    private static string Short(string commit) => commit[..Math.Min(10, commit.Length)];

    private static BlockKitMessage Progress(string stage, string? detail = null) => TriageSlackMessage.Progress(stage, detail);
}
