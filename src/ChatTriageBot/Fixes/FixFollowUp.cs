using System.Text.RegularExpressions;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// A follow-up mention in a thread with a fix that can still change, by someone in <c>Access__GenerateFix</c>, that
/// names the fix or the patch and asks for a change ("change the fix to keep the null check", "the patch should also
/// cover Subtotal"): it does what <b>Revise</b> does, with the mention's words as the engineer's instruction. Anything
/// else stays an ordinary follow-up triage.
/// </summary>
internal sealed partial class FixFollowUp(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, SlackAccess access) : IThreadFollowUp
{
    public async Task<bool?> TryTakeAsync(ThreadMention mention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mention);
        if (!AsksToChangeTheFix(mention.Text))
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var fix = await db.Fixes.AsNoTracking()
            .Where(f => db.Triages.Any(t => t.Id == f.TriageId && t.Channel == mention.Channel && t.ThreadTs == mention.ThreadTs))
            .OrderByDescending(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (fix is null || fix.Status is not (FixStatus.Ready or FixStatus.Failed)
            || !await access.IsAllowedAsync(FixActions.GenerateFixPermission, mention.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return null;
        }

        var queued = await jobs.EnqueueAsync(FixJobHandler.Kind, new FixJob(fix.TriageId, mention.UserId) { Mode = FixJobMode.Revise, Instruction = mention.Text },
            FixesJsonContext.Default.FixJob, dedupeKey: $"fix-revise:mention:{mention.Channel}:{mention.MentionTs}", cancellationToken: cancellationToken);
        return queued.Created;
    }

    /// <summary>Names the fix or the patch, and asks for a change to it.</summary>
    internal static bool AsksToChangeTheFix(string text) => FixWord().IsMatch(text) && ChangeWord().IsMatch(text);

    [GeneratedRegex(@"\b(?:fix|patch|diff)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FixWord();

    [GeneratedRegex(@"\b(?:change|revise|update|rewrite|redo|adjust|modify|tweak|rename|instead|rather|don'?t|do not|should|shouldn'?t|make it|use|remove|drop|add|keep|also|handle|cover)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeWord();
}
