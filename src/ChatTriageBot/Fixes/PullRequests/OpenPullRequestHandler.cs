using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A click on <b>Open PR</b>. Thin: checks who clicked (<c>Access__OpenPullRequest</c>; empty means nobody) and what
/// can be known without GitHub (the fix's checks passed, the repository is on GitHub, nothing was opened yet), then
/// writes one job per fix and attempt, so a double click or two people clicking queue one. Refusals reach only the
/// clicker, after the acknowledgement, and write nothing; a click after the pull request was opened gets its link.
/// </summary>
internal sealed class OpenPullRequestHandler(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, SlackAccess access, FixMessages messages) : ISlackActionHandler
{
    public const string NotAllowed = "Sorry, you are not on the list of people who may open pull requests (Access__OpenPullRequest).";

    public async Task<SlackActionReply?> HandleAsync(BlockAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!FixClicks.TryParseId(action.Value, out var fixId))
        {
            return null;
        }

        if (!await access.IsAllowedAsync(FixActions.OpenPullRequestPermission, action.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return SlackActionReply.Ephemeral(NotAllowed);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await FixClicks.LoadAsync(db, fixId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (fix, triage) = found;
        if (fix.PullRequestUrl is { } url)
        {
            return SlackActionReply.Ephemeral($"A draft pull request was already opened for this fix: {url}");
        }

        if (fix.Status != FixStatus.Ready)
        {
            return SlackActionReply.Ephemeral(FixClicks.Why(fix, "opened as a pull request"));
        }

        if (!fix.ChecksPassed)
        {
            return SlackActionReply.Ephemeral("The patch did not pass its checks (see the fix message), so it cannot be opened as a pull request. *Revise* it, or fix it by hand.");
        }

        if (messages.GitHubRepository(triage.Repository) is not { } repository)
        {
            return SlackActionReply.Ephemeral($"{triage.Repository} is not on GitHub (its Repos__N__CloneUrl points elsewhere), so no pull request can be opened for it.");
        }

        var job = new OpenPullRequestJob(fix.Id, action.UserId) { ResponseUrl = action.ResponseUrl, ChannelId = action.ChannelId, ThreadTs = action.ThreadTs, Attempt = fix.PullRequestAttempt };
        var queued = await jobs.EnqueueAsync(OpenPullRequestJobHandler.Kind, job, FixesJsonContext.Default.OpenPullRequestJob,
            dedupeKey: $"fix-pr:{fix.Id}:{fix.PullRequestAttempt}", cancellationToken: cancellationToken);
        return SlackActionReply.Ephemeral(queued.Created
            ? $"Opening a draft pull request in {repository}; its link will appear on the fix message."
            : "A draft pull request for this fix is already being opened; its link will appear on the fix message.");
    }
}
