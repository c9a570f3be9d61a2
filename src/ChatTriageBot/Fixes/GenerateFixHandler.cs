using System.Globalization;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Generate fix</b>. Thin: check the clicker is allowed (<c>Access__GenerateFix</c>; empty means
/// nobody), queue the job (one per triage: a second click is told the fix was already asked for), return. Refusals
/// reach only the clicker, after the acknowledgement.
/// </summary>
internal sealed class GenerateFixHandler(JobQueue jobs, SlackAccess access, ILogger<GenerateFixHandler> logger) : ISlackActionHandler
{
    public const string NotAllowed = "Sorry, you are not on the list of people who may generate fixes (Access__GenerateFix).";

    public const string AlreadyAsked = "A fix for this diagnosis was already asked for; it is (or will be) in this thread.";

    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var triageId) || action.ChannelId is null)
        {
            return null;
        }

        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            FixesLog.ClickRefused(logger, triageId, action.UserId);
            return SlackActionReply.Ephemeral(NotAllowed);
        }

        var queued = await jobs.EnqueueAsync(FixJobHandler.Kind, new FixJob(triageId, action.UserId), FixesJsonContext.Default.FixJob, dedupeKey: $"fix:{triageId}", cancellationToken: cancellationToken);
        if (queued.Created)
        {
            return null;
        }

        FixesLog.AlreadyAsked(logger, triageId, action.UserId);
        return SlackActionReply.Ephemeral(AlreadyAsked);
    }
}
