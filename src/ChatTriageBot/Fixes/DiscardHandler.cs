using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Discard</b>: the fix is marked discarded by whoever clicked (someone in <c>Access__GenerateFix</c>),
/// and a job redraws its message without buttons. The state change and the job are one transaction.
/// </summary>
internal sealed class DiscardHandler(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, SlackAccess access) : ISlackActionHandler
{
    public const string NotAllowed = "Sorry, you are not on the list of people who may discard fixes (Access__GenerateFix).";

    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!FixClicks.TryParseId(action.Value, out var fixId))
        {
            return null;
        }

        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return SlackActionReply.Ephemeral(NotAllowed);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var discarded = await db.Fixes
                .Where(f => f.Id == fixId && (f.Status == FixStatus.Ready || f.Status == FixStatus.Failed || f.Status == FixStatus.Stale))
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.Status, FixStatus.Discarded).SetProperty(f => f.DiscardedBy, action.UserId), cancellationToken);
            if (discarded == 1)
            {
                jobs.Add(db, FixMessageJobHandler.Kind, new FixMessageJob(fixId), FixesJsonContext.Default.FixMessageJob);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                jobs.Notify();
                return null;
            }
        }

        return await FixClicks.LoadAsync(db, fixId, cancellationToken) is { } found
            ? SlackActionReply.Ephemeral(found.Fix.Status == FixStatus.Discarded ? "This fix was already discarded." : FixClicks.Why(found.Fix, "discarded"))
            : null;
    }
}
