using System.Globalization;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Octokit;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Tells the thread, in one short message, that the pull request the bot opened was merged or closed (by whom, with the
/// link), so the support engineer can tell the customer; and, for a merge, records whether the merged change touched the
/// files the diagnosis blamed (for the digest). The message is posted once per job, and there is one job per outcome.
/// </summary>
internal sealed class PullRequestOutcomeJobHandler(
    IDbContextFactory<TriageDbContext> databases,
    GitHubClientFactory clients,
    SlackPosts posts,
    FixMessages messages) : IJobHandler
{
    public const string Kind = "fix.pr-outcome";

    private const int MaxFiles = 300;

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(FixesJsonContext.Default.PullRequestOutcomeJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var outcome = await db.PullRequestOutcomes.FirstOrDefaultAsync(o => o.FixId == job.FixId, cancellationToken)
            ?? throw new PermanentJobException($"no outcome is recorded for fix {job.FixId}");
        var fix = await db.Fixes.AsNoTracking().FirstAsync(f => f.Id == job.FixId, cancellationToken);
        var triage = await db.Triages.AsNoTracking().FirstAsync(t => t.Id == fix.TriageId, cancellationToken);
        if (outcome.Outcome == PullRequestOutcome.Merged && outcome.ChangedFiles is null)
        {
            var (owner, name) = (outcome.Repository.Split('/')[0], outcome.Repository.Split('/')[1]);
            try
            {
                var files = await clients.Client.PullRequest.Files(owner, name, outcome.Number, new ApiOptions { PageSize = 100, PageCount = MaxFiles / 100 })
                    .WaitAsync(cancellationToken);
                var changed = files.Select(f => f.FileName).Distinct(StringComparer.Ordinal).ToList();
                outcome.ChangedFiles = string.Join('\n', changed);
                outcome.TouchedBlamedFiles = changed.Intersect(Blamed(triage), StringComparer.Ordinal).Any();
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (ApiException exception) when (!GitHubProblem.IsTransient(exception) && exception is not RateLimitExceededException)
            {
                // The pull request's files cannot be read (gone, or the token lost access): the thread still hears of it.
            }
        }

        if (triage.Channel is { } channel && triage.ThreadTs is { } thread)
        {
            var text = Text(outcome, fix, triage);
            // Findable by the fix's outcome key, so a re-run after a crash does not tell the thread twice.
            await context.RunOnceAsync("message", async (mayExist, ct) =>
                (await posts.PostAsync(new OutgoingMessage(channel, text) { ThreadTs = thread }, PostKey(fix.Id), lookFirst: mayExist, ct)).Ts, cancellationToken);
            await messages.ShowAsync(fix, triage, outcome, cancellationToken);
        }
    }

    /// <summary>The key of the thread message that tells a fix's pull request's outcome (<see cref="SlackPosts"/>).</summary>
    public static string PostKey(long fixId) => string.Create(CultureInfo.InvariantCulture, $"pr-outcome:{fixId}");

    /// <summary>The files the diagnosis cited as evidence.</summary>
    private static IEnumerable<string> Blamed(TriageRecord triage) =>
        triage.ResultJson is { } json && JsonSerializer.Deserialize(json, TriageJsonContext.Default.TriageReport)?.Diagnosis is { } diagnosis
            ? diagnosis.Evidence.Select(e => e.Path)
            : [];

    private static string Text(PullRequestOutcomeRecord outcome, FixRecord fix, TriageRecord triage)
    {
        var link = Mrkdwn.Link(new Uri(fix.PullRequestUrl!), string.Create(CultureInfo.InvariantCulture, $"#{outcome.Number}"));
        var by = outcome.By is { Length: > 0 } login ? $" by {Mrkdwn.Escape(login)}" : string.Empty;
        var asker = triage.RequestedBy is { Length: > 0 } requester ? $" {Mrkdwn.User(requester)}, the customer can be told." : string.Empty;
        return outcome.Outcome == PullRequestOutcome.Merged
            ? $":tada: The fix shipped: draft PR {link} was merged{by}.{asker}"
            : $":no_entry_sign: Draft PR {link} was closed without merging{by}.";
    }
}
