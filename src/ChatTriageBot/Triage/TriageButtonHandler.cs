using System.Globalization;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// The buttons under a triage's message. Thin, like every handler: check who clicked, write a row (feedback, or a
/// job), return. Answers only the clicker sees are posted by <see cref="TriageButtonJobHandler"/>; buttons that run the
/// triage again go through <see cref="TriageQueue.ResumeAsync"/>, whose state check makes a second click harmless.
/// </summary>
internal sealed class TriageButtonHandler(
    IDbContextFactory<TriageDbContext> databases,
    JobQueue jobs,
    TriageQueue queue,
    SlackAccess access,
    TimeProvider timeProvider) : ISlackActionHandler
{
    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var triageId)
            || !await access.IsAllowedAsync(MentionHandler.DiagnosePermission, action.UserId, emptyMeansEveryone: true, cancellationToken))
        {
            return null;
        }

        var actionId = action.ActionId;
        if (actionId is TriageActions.Helpful or TriageActions.NotHelpful)
        {
            await RecordFeedbackAsync(triageId, action.UserId, actionId == TriageActions.Helpful, cancellationToken);
        }

        if (TriageActions.Private.Contains(actionId))
        {
            await jobs.EnqueueAsync(TriageButtonJobHandler.Kind, new TriageButtonJob(actionId, triageId, action.UserId), TriageJsonContext.Default.TriageButtonJob,
                dedupeKey: action.ActionTs is { } ts ? $"button:{triageId}:{action.UserId}:{actionId}:{ts}" : null, cancellationToken: cancellationToken);
            return null;
        }

        _ = actionId switch
        {
            TriageActions.Retry => await queue.ResumeAsync(triageId, [TriageStatus.Failed], TriageJobMode.Normal, null, cancellationToken),
            TriageActions.ApproveSpend => await queue.ResumeAsync(triageId, [TriageStatus.AwaitingApproval], TriageJobMode.SpendApproved, null, cancellationToken),
            TriageActions.ReuseEarlier => await queue.ResumeAsync(triageId, [TriageStatus.AwaitingDecision], TriageJobMode.Reuse, null, cancellationToken),
            TriageActions.DiagnoseAnyway => await queue.ResumeAsync(triageId, [TriageStatus.AwaitingDecision], TriageJobMode.Fresh, null, cancellationToken),
            _ => false,
        };
        return null;
    }

    private async Task RecordFeedbackAsync(long triageId, string userId, bool helpful, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await db.Triages.AnyAsync(t => t.Id == triageId, cancellationToken))
        {
            return;
        }

        var existing = await db.Feedback.FirstOrDefaultAsync(f => f.TriageId == triageId && f.UserId == userId, cancellationToken);
        if (existing is null)
        {
            db.Feedback.Add(new TriageFeedbackRecord { TriageId = triageId, UserId = userId, Helpful = helpful, At = timeProvider.GetUtcNow() });
        }
        else
        {
            existing.Helpful = helpful;
            existing.At = timeProvider.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
        {
            // The same person's other click won the race; theirs stands.
        }
    }
}
