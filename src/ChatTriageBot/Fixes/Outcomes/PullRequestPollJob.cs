using ChatTriageBot.CodeContext;
using ChatTriageBot.Storage;
using Octokit;
using Quartz;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Follows the pull requests the bot opened (every <c>Fixes__PullRequestPollMinutes</c>): one merged or closed since the
/// last look is recorded (<see cref="PullRequestOutcomes"/>), which queues the thread's one message about it. The
/// webhook (<c>POST /github/webhook</c>) tells the same sooner where the bot has a public URL; whichever is first
/// records it. A rate limit ends the round; the next one carries on.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PullRequestPollJob(GitHubClientFactory clients, PullRequestOutcomes outcomes, TimeProvider timeProvider, ILogger<PullRequestPollJob> logger) : IJob
{
    public static readonly JobKey Key = new("pull-request-poll", "fixes");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await PollAsync(cancellationToken);
    }

    /// <summary>Looks at every open pull request the bot opened; returns how many outcomes it recorded.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        foreach (var fix in await outcomes.OpenAsync(cancellationToken))
        {
            var (owner, name) = (fix.PullRequestRepository!.Split('/')[0], fix.PullRequestRepository.Split('/')[1]);
            var number = fix.PullRequestNumber!.Value;
            try
            {
                var pull = await clients.Client.PullRequest.Get(owner, name, number).WaitAsync(cancellationToken);
                if (pull.Merged)
                {
                    recorded += await outcomes.RecordAsync(fix, PullRequestOutcome.Merged, pull.MergedBy?.Login, pull.MergedAt ?? timeProvider.GetUtcNow(), "poll", cancellationToken) ? 1 : 0;
                }
                else if (pull.State.Value == ItemState.Closed)
                {
                    // Who closed it is on the issue side of a pull request.
                    var issue = await clients.Client.Issue.Get(owner, name, number).WaitAsync(cancellationToken);
                    recorded += await outcomes.RecordAsync(fix, PullRequestOutcome.Closed, issue.ClosedBy?.Login, pull.ClosedAt ?? timeProvider.GetUtcNow(), "poll", cancellationToken) ? 1 : 0;
                }
            }
            catch (RateLimitExceededException exception)
            {
                FixesLog.PollFailed(logger, fix.PullRequestRepository, number, exception.Message);
                break;
            }
            catch (Exception exception) when (exception is ApiException or HttpRequestException or TimeoutException)
            {
                FixesLog.PollFailed(logger, fix.PullRequestRepository, number, exception.Message);
            }
        }

        return recorded;
    }
}
