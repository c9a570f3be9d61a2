using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Costs;
using ChatTriageBot.Hosting;
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
/// Writes the fix a person asked for: one message in the thread, updated in place (working, then the result), and the
/// patch attached as a file. Spending caps apply as for diagnoses (the click counts as the approval a warning would ask
/// for). Nothing is pushed anywhere: a person reviews the patch.
/// </summary>
internal sealed class FixJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    SlackApiClient slack,
    RepositoryRegistry registry,
    FixGenerator generator,
    SpendGate spend,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> codeContext,
    TimeProvider timeProvider) : IJobHandler
{
    public const string Kind = "fix.generate";

    private const int ModelAttempts = 3;

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(AppJsonContext.Default.FixJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var triage = await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == job.TriageId, cancellationToken)
            ?? throw new PermanentJobException($"triage {job.TriageId} does not exist");
        if (triage.Channel is null || triage.ThreadTs is null)
        {
            throw new PermanentJobException($"triage {triage.Id} has no Slack thread");
        }

        var fix = await db.Fixes.FirstOrDefaultAsync(f => f.TriageId == triage.Id, cancellationToken);
        if (fix is null)
        {
            fix = new FixRecord { TriageId = triage.Id, RequestedBy = job.UserId, CreatedAt = timeProvider.GetUtcNow(), Model = generator.Model };
            db.Fixes.Add(fix);
            await db.SaveChangesAsync(cancellationToken);
        }

        fix.ReplyTs ??= await context.RunOnceAsync("reply", async ct => (await slack.PostMessageAsync(
            Progress($"Writing a fix for the diagnosis above, as {job.UserId} asked…").ToOutgoingMessage(triage.Channel, triage.ThreadTs), ct)).Ts, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        async Task ShowAsync(BlockKitMessage message) => await slack.UpdateMessageAsync(triage.Channel, fix.ReplyTs, message.FallbackText, message.Blocks, cancellationToken);

        var report = triage.ResultJson is null ? null : JsonSerializer.Deserialize(triage.ResultJson, AppJsonContext.Default.TriageReport);
        if (report?.Diagnosis is null || triage.Commit is null || registry.Find(triage.Repository) is not { CloneUrl: { } cloneUrl })
        {
            await FailAsync(db, fix, "There is no diagnosis at a known commit to fix (or its repository is no longer configured).", ShowAsync, cancellationToken);
            return;
        }

        FixOutcome outcome;
        try
        {
            using var snapshot = await RepositorySnapshot.OpenAsync(cloneUrl, triage.Commit, data.Value.FullPath, codeContext.Value, cancellationToken);
            var sections = generator.Sections(snapshot, report);
            var diagnosis = TriageMarkdown.DiagnosisSummary(report)!;
            const string Instruction = "Write the smallest fix for the diagnosed problem.";
            var decision = await spend.CheckAsync(triage, generator.Model, generator.CountInputTokens(Instruction, diagnosis, sections), generator.MaxOutputTokens, job.UserId, approved: true, cancellationToken);
            if (decision.Refused is { } refusal)
            {
                await FailAsync(db, fix, refusal, ShowAsync, cancellationToken);
                return;
            }

            await ShowAsync(Progress($"Asking {generator.Model} for a fix to {sections.Count} file(s) of {triage.Repository}@{triage.Commit[..10]}…", decision.Estimate));
            using (SpendGate.Track(triage, UsageOperations.Fix, job.UserId))
            {
                outcome = await generator.GenerateAsync(snapshot, Instruction, diagnosis, sections, cancellationToken);
            }
        }
        catch (ModelException exception) when (exception.IsTransient && context.Attempt < ModelAttempts)
        {
            await ShowAsync(Progress(string.Create(CultureInfo.InvariantCulture, $"The model did not answer (attempt {context.Attempt} of {ModelAttempts}); trying again shortly…"), exception.Message));
            throw;
        }
        catch (Exception exception) when (exception is ModelException or RepositoryException)
        {
            await FailAsync(db, fix, $"No fix: {exception.Message}", ShowAsync, cancellationToken);
            return;
        }

        // The call is in the usage ledger already: recorded as the model answered.
        await ShowAsync(FixSlackMessage.Render(outcome, triage.Repository!, triage.Commit, spend.Cost(outcome.Usage)));
        if (outcome.Patch is { } patch)
        {
            await context.RunOnceAsync("patch", ct => slack.UploadFileAsync(
                triage.Channel, triage.ThreadTs, $"fix-{triage.Id}.patch", Encoding.UTF8.GetBytes(patch), title: "Proposed fix", snippetType: "diff", cancellationToken: ct), cancellationToken);
        }

        fix.Status = outcome.Patch is null ? FixStatus.Failed : FixStatus.Ready;
        fix.Summary = outcome.Proposal.Summary;
        fix.Patch = outcome.Patch;
        fix.Model = outcome.Usage.Model;
        fix.CompletedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task FailAsync(TriageDbContext db, FixRecord fix, string reason, Func<BlockKitMessage, Task> show, CancellationToken cancellationToken)
    {
        await show(new SlackMessageBuilder("fix").Add(new SectionBlock($":warning: {Mrkdwn.Escape(reason)}")).WithFallbackText(reason).Build());
        fix.Status = FixStatus.Failed;
        fix.Error = reason;
        fix.CompletedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static BlockKitMessage Progress(string stage, string? detail = null) => TriageSlackMessage.Progress(stage, detail);
}
