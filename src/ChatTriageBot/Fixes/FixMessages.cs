using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Draws a fix's thread message from what is stored (the fix, its triage, its pull request's outcome) with the buttons
/// the fixes feature's <see cref="IButtonContributor{TSubject}"/>s offer for that state, and updates it in place.
/// </summary>
internal sealed class FixMessages(
    RepositoryRegistry registry,
    IOptions<GitHubOptions> gitHub,
    IEnumerable<IButtonContributor<FixView>> contributors,
    SlackApiClient slack)
{
    public FixView View(FixRecord fix, TriageRecord triage, PullRequestOutcomeRecord? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(fix);
        ArgumentNullException.ThrowIfNull(triage);
        return new FixView(fix.Id, fix.Status, Details(fix, triage))
        {
            GitHubRepository = GitHubRepository(triage.Repository),
            Revision = fix.Revision,
            PullRequestNumber = fix.PullRequestNumber,
            PullRequestUrl = fix.PullRequestUrl,
            PullRequestBy = fix.PullRequestBy,
            DiscardedBy = fix.DiscardedBy,
            Outcome = outcome?.Outcome,
            OutcomeBy = outcome?.By,
        };
    }

    /// <summary><c>owner/name</c> on GitHub of a configured repository, or null when it is not on GitHub.</summary>
    public string? GitHubRepository(string? repository) => GitHubLocation.Find(registry.Find(repository), gitHub.Value);

    public BlockKitMessage Render(FixView view) => FixSlackMessage.Render(view, [.. contributors.SelectMany(c => c.ButtonsFor(view))]);

    /// <summary>Updates the fix's message in the thread to show its current state.</summary>
    public async Task ShowAsync(FixRecord fix, TriageRecord triage, PullRequestOutcomeRecord? outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fix);
        ArgumentNullException.ThrowIfNull(triage);
        if (fix.ReplyTs is null || triage.Channel is null)
        {
            return;
        }

        var message = Render(View(fix, triage, outcome));
        await slack.UpdateMessageAsync(triage.Channel, fix.ReplyTs, message.FallbackText, message.Blocks, cancellationToken);
    }

    /// <summary>The stored details of a fix (a fix written before details were kept gets them from its summary and patch).</summary>
    public static FixDetails Details(FixRecord fix, TriageRecord triage)
    {
        ArgumentNullException.ThrowIfNull(fix);
        ArgumentNullException.ThrowIfNull(triage);
        if (fix.DetailsJson is { } json && JsonSerializer.Deserialize(json, FixesJsonContext.Default.FixDetails) is { } stored)
        {
            return stored;
        }

        var (added, removed) = fix.Patch is null ? (0, 0) : PatchText.CountLines(fix.Patch);
        return new FixDetails
        {
            Summary = fix.Summary ?? fix.Error ?? "No fix.",
            Repository = triage.Repository ?? "?",
            Commit = fix.BaseCommit ?? triage.Commit ?? "?",
            HasPatch = fix.Patch is not null,
            ChangedFiles = fix.Patch is null ? [] : PatchText.ChangedFiles(fix.Patch),
            Added = added,
            Removed = removed,
        };
    }
}
