using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Regenerate</b> (offered when the default branch moved and the patch no longer applies there): a fix
/// job writes it again on the new head. One job per stale revision, so a double click queues one.
/// </summary>
internal sealed class RegenerateHandler(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, SlackAccess access) : ISlackActionHandler
{
    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!FixClicks.TryParseId(action.Value, out var fixId))
        {
            return null;
        }

        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return SlackActionReply.Ephemeral(GenerateFixHandler.NotAllowed);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await FixClicks.LoadAsync(db, fixId, cancellationToken) is not { } found)
        {
            return null;
        }

        var fix = found.Fix;
        if (fix.Status != FixStatus.Stale)
        {
            return fix.Status == FixStatus.Generating ? SlackActionReply.Ephemeral("The fix is already being written again.") : SlackActionReply.Ephemeral(FixClicks.Why(fix, "regenerated"));
        }

        var queued = await jobs.EnqueueAsync(FixJobHandler.Kind, new FixJob(fix.TriageId, action.UserId) { Mode = FixJobMode.Regenerate }, FixesJsonContext.Default.FixJob,
            dedupeKey: $"fix-regenerate:{fix.Id}:{fix.Revision}", cancellationToken: cancellationToken);
        return queued.Created ? null : SlackActionReply.Ephemeral("The fix is already being written again.");
    }
}
