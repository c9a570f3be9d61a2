using System.Globalization;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Generate fix</b>. Thin: check the clicker is allowed (<c>Access__GenerateFix</c>; empty means
/// nobody), queue the job (one per triage: a second click is told the fix was already asked for), return.
/// </summary>
internal sealed class GenerateFixHandler(JobQueue jobs, SlackAccess access, SlackApiClient slack, ILogger<GenerateFixHandler> logger) : ISlackActionHandler
{
    public async Task HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var triageId) || action.ChannelId is null)
        {
            return;
        }

        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            FixesLog.ClickRefused(logger, triageId, action.UserId);
            await slack.PostEphemeralAsync(action.ChannelId, action.UserId,
                "Sorry, you are not on the list of people who may generate fixes (Access__GenerateFix).", threadTs: action.ThreadTs, cancellationToken: cancellationToken);
            return;
        }

        var queued = await jobs.EnqueueAsync(FixJobHandler.Kind, new FixJob(triageId, action.UserId), FixesJsonContext.Default.FixJob, dedupeKey: $"fix:{triageId}", cancellationToken: cancellationToken);
        if (!queued.Created)
        {
            FixesLog.AlreadyAsked(logger, triageId, action.UserId);
            await slack.PostEphemeralAsync(action.ChannelId, action.UserId,
                "A fix for this diagnosis was already asked for; it is (or will be) in this thread.", threadTs: action.ThreadTs, cancellationToken: cancellationToken);
        }
    }
}
