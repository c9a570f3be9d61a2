using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Opens a draft pull request from a fix, as a job (never inside the click's request). It checks what GitHub says
/// about the repository and the bot's token before writing anything; carries the patch to the default branch's head
/// when that moved since the pinned commit (or, when it no longer applies there, says so in the thread and offers
/// <b>Regenerate</b>); writes the branch and the draft through <see cref="PullRequestPublisher"/>, which looks every
/// write up first; adds the configured labels and the CODEOWNERS of the changed files as reviewers; and updates the fix
/// message in place to "Draft PR #N opened by @person". A refusal is told only to the person who clicked.
/// </summary>
internal sealed class OpenPullRequestJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    RepositoryRegistry registry,
    FixMessages messages,
    PullRequestPublisher publisher,
    CheckCommandRunner checkCommands,
    SlackApiClient slack,
    SlackFollowUps replies,
    IOptions<GitHubOptions> gitHub,
    IOptions<PullRequestOptions> pullRequests,
    IOptions<RedactionOptions> redaction,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> codeContext,
    TimeProvider timeProvider,
    ILogger<OpenPullRequestJobHandler> logger) : IJobHandler
{
    public const string Kind = "fix.open-pr";

    /// <summary>Attempts at which GitHub not answering (5xx, timeouts) is retried before the clicker is told.</summary>
    private const int TransientAttempts = 3;

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(FixesJsonContext.Default.OpenPullRequestJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var fix = await db.Fixes.FirstOrDefaultAsync(f => f.Id == job.FixId, cancellationToken)
            ?? throw new PermanentJobException($"fix {job.FixId} does not exist");
        var triage = await db.Triages.AsNoTracking().FirstAsync(t => t.Id == fix.TriageId, cancellationToken);
        if (fix.PullRequestUrl is { } opened)
        {
            await TellAsync(context, job, $"A draft pull request was already opened for this fix: {opened}", cancellationToken);
            return;
        }

        if (fix.Status != FixStatus.Ready || !fix.ChecksPassed || fix.Patch is null)
        {
            await TellAsync(context, job, FixClicks.Why(fix, "opened as a pull request"), cancellationToken);
            return;
        }

        var repository = registry.Find(triage.Repository);
        if (GitHubLocation.Find(repository, gitHub.Value) is not { } location)
        {
            await RefuseAsync(db, context, fix, job, $"{triage.Repository} is not on GitHub, so no pull request can be opened for it.", cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(gitHub.Value.Token))
        {
            await RefuseAsync(db, context, fix, job,
                $"The bot has no GitHub token (GitHub__Token is not set). Set one with {GitHubProblem.Permissions} on {location}, then click Open PR again.", cancellationToken);
            return;
        }

        // The branch name is fixed at the first attempt, so every later attempt finds what an earlier one wrote.
        fix.Branch ??= BranchName.For(triage.Id, fix.Summary);
        fix.PullRequestRepository = location;
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await PublishAsync(db, context, job, fix, triage, repository!, location, cancellationToken);
        }
        catch (RepositoryException exception)
        {
            await RefuseAsync(db, context, fix, job, $"The repository could not be read to prepare the pull request: {exception.Message}", cancellationToken);
        }
        catch (Exception exception) when (exception is Octokit.ApiException or HttpRequestException or TimeoutException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            FixesMetrics.GitHubFailed(GitHubProblem.Kind(exception));
            FixesLog.GitHubFailed(logger, location, context.Attempt, exception);
            if (GitHubProblem.IsTransient(exception) && context.Attempt < TransientAttempts)
            {
                throw;
            }

            var refusal = GitHubProblem.Describe(exception, location, timeProvider)
                ?? "GitHub did not answer (it was failing or too slow), so nothing more was written. Click Open PR again in a while.";
            await RefuseAsync(db, context, fix, job, refusal, cancellationToken);
        }
    }

    private async Task PublishAsync(
        TriageDbContext db, JobContext context, OpenPullRequestJob job, FixRecord fix, TriageRecord triage, RepositoryOptions repository, string location, CancellationToken cancellationToken)
    {
        var (owner, name) = (location.Split('/')[0], location.Split('/')[1]);
        var info = await publisher.ReadRepositoryAsync(owner, name, cancellationToken);
        if (!info.CanPush)
        {
            await RefuseAsync(db, context, fix, job,
                $"The bot's token may read {location} but not write to it. Give it {GitHubProblem.Permissions} on {location}, then click Open PR again.", cancellationToken);
            return;
        }

        var details = FixMessages.Details(fix, triage);
        var baseCommit = fix.BaseCommit ?? triage.Commit!;
        using var head = await FixSnapshots.OpenAsync(repository.CloneUrl!, info.HeadSha, data.Value.FullPath, codeContext.Value, cancellationToken);
        var (files, problem) = await PatchApplier.ApplyAsync(head, fix.Patch!, cancellationToken);
        string? reapplied = null;
        if (files is not null && info.HeadSha != baseCommit)
        {
            reapplied = $"{info.DefaultBranch} moved since the patch was written for {Short(baseCommit)}; it was applied to the head, {Short(info.HeadSha)}";
            if (repository.CheckCommand is { Length: > 0 } command && !string.IsNullOrWhiteSpace(command))
            {
                var check = await checkCommands.RunAsync(head.RepositoryPath, info.HeadSha, fix.Patch!, command, cancellationToken);
                if (!check.Passed)
                {
                    problem = $"the patch applies to {info.DefaultBranch}'s head {Short(info.HeadSha)}, but its check failed there: {check.Detail}";
                    files = null;
                }
                else
                {
                    reapplied += $", where {check.Detail}";
                }
            }
        }

        if (files is null)
        {
            await GoStaleAsync(db, fix, triage, details, info, problem!, cancellationToken);
            return;
        }

        var report = JsonSerializer.Deserialize(triage.ResultJson!, TriageJsonContext.Default.TriageReport)!;
        var thread = await slack.GetPermalinkAsync(triage.Channel!, triage.ThreadTs!, cancellationToken);
        var requester = await NameAsync(job.UserId, cancellationToken);
        var redactor = new Redactor(redaction.Value);
        var (title, body) = PullRequestBody.Compose(new PullRequestBody.Input(report, details, thread, info.HtmlUrl, requester) { Reapplied = reapplied }, redactor);
        var target = new PullRequestPublisher.Target(owner, name, info.DefaultBranch, info.HeadSha, fix.Branch!);
        var changes = files.Select(f => new PullRequestPublisher.Change(f.Key, f.Value, head.IsExecutable(f.Key))).ToList();
        await publisher.CommitAsync(target, changes, $"{title}\n\nProposed by ChatTriageBot from a support thread; opened as a draft for review.", cancellationToken);
        var pull = await publisher.OpenAsync(target, title, body, cancellationToken);
        await DecorateAsync(context, target, pull, files.Keys, cancellationToken);

        FixesMetrics.PullRequestOpened(pull.Created);
        fix.Status = FixStatus.Published;
        fix.PullRequestNumber = pull.Number;
        fix.PullRequestUrl = pull.Url;
        fix.PullRequestBy = job.UserId;
        fix.PullRequestOpenedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        FixesLog.PullRequestOpened(logger, location, pull.Number, fix.Id, fix.Branch!);
        await messages.ShowAsync(fix, triage, null, cancellationToken);
    }

    /// <summary>Labels and CODEOWNERS reviewers, each once per job; a failure is logged and does not undo the pull request.</summary>
    private async Task DecorateAsync(JobContext context, PullRequestPublisher.Target target, PullRequestPublisher.Opened pull, IEnumerable<string> changed, CancellationToken cancellationToken)
    {
        var location = $"{target.Owner}/{target.Name}";
        if (pullRequests.Value.PullRequestLabels is { Count: > 0 } labels)
        {
            await context.RunOnceAsync("labels", async ct =>
            {
                try
                {
                    await publisher.AddLabelsAsync(target.Owner, target.Name, pull.Number, labels, ct);
                    return string.Join(',', labels);
                }
                catch (Octokit.ApiException exception)
                {
                    FixesLog.LabelsNotAdded(logger, location, pull.Number, exception.Message);
                    return "failed";
                }
            }, cancellationToken);
        }

        await context.RunOnceAsync("reviewers", async ct =>
        {
            try
            {
                if (await publisher.ReadCodeOwnersAsync(target.Owner, target.Name, target.HeadSha, ct) is not { } codeOwners)
                {
                    return "no CODEOWNERS";
                }

                var (users, teams) = CodeOwners.For(codeOwners, changed, exclude: pull.AuthorLogin);
                if (users.Count + teams.Count == 0)
                {
                    return "no owners";
                }

                await publisher.RequestReviewersAsync(target.Owner, target.Name, pull.Number, users, teams, ct);
                return string.Join(',', users.Concat(teams.Select(t => "team:" + t)));
            }
            catch (Octokit.ApiException exception)
            {
                FixesLog.ReviewersNotRequested(logger, location, pull.Number, exception.Message);
                return "failed";
            }
        }, cancellationToken);
    }

    /// <summary>The patch no longer applies to the default branch's head: the thread says so and offers Regenerate there.</summary>
    private async Task GoStaleAsync(TriageDbContext db, FixRecord fix, TriageRecord triage, FixDetails details, PullRequestPublisher.RepositoryInfo info, string problem, CancellationToken cancellationToken)
    {
        var reason = $"{info.DefaultBranch} moved since this patch was written, and it no longer applies to the head {Short(info.HeadSha)} ({problem}). Nothing was written to GitHub.";
        fix.Status = FixStatus.Stale;
        fix.PullRequestAttempt++;
        fix.DetailsJson = JsonSerializer.Serialize(details with { StaleReason = reason, StaleHead = info.HeadSha }, FixesJsonContext.Default.FixDetails);
        await db.SaveChangesAsync(cancellationToken);
        FixesLog.PullRequestRefused(logger, fix.Id, "stale");
        await messages.ShowAsync(fix, triage, null, cancellationToken);
    }

    /// <summary>
    /// A refusal: the next click may try again (its job gets a new key), then the clicker alone is told. The key moves
    /// first, so a click made on reading the refusal is a new attempt rather than "already being opened"; it moves from
    /// the attempt this job was queued as, so a re-run after a crash does not move it twice.
    /// </summary>
    private async Task RefuseAsync(TriageDbContext db, JobContext context, FixRecord fix, OpenPullRequestJob job, string refusal, CancellationToken cancellationToken)
    {
        FixesLog.PullRequestRefused(logger, fix.Id, refusal);
        var attempt = job.Attempt ?? fix.PullRequestAttempt;
        await db.Fixes.Where(f => f.Id == fix.Id && f.PullRequestAttempt == attempt)
            .ExecuteUpdateAsync(set => set.SetProperty(f => f.PullRequestAttempt, f => f.PullRequestAttempt + 1), cancellationToken);
        await TellAsync(context, job, refusal, cancellationToken);
    }

    private async Task TellAsync(JobContext context, OpenPullRequestJob job, string text, CancellationToken cancellationToken) =>
        await context.RunOnceAsync("told", async ct =>
        {
            try
            {
                await replies.PerformAsync(new SlackFollowUp(SlackActionReply.Ephemeral(text), job.UserId, job.ChannelId, job.ThreadTs, job.ResponseUrl, TriggerId: null), ct);
            }
            catch (Exception exception) when (exception is SlackApiException or HttpRequestException)
            {
                FixesLog.RefusalNotDelivered(logger, job.UserId, exception);
            }

            return text.Length > 200 ? text[..200] : text;
        }, cancellationToken);

    private async Task<string> NameAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            return (await slack.GetUserAsync(userId, cancellationToken)).Name;
        }
        catch (SlackApiException)
        {
            return "a member of the support team";
        }
    }

    private static string Short(string commit) => commit[..Math.Min(10, commit.Length)];
}
