using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The Revise modal submitted: checks who submitted it and that the fix can still change, and queues the revision (a
/// fix job in <see cref="FixJobMode.Revise"/> carrying the engineer's words). Problems keep the modal open with the
/// reason under the text box.
/// </summary>
internal sealed class ReviseSubmissionHandler(IDbContextFactory<TriageDbContext> databases, JobQueue jobs, SlackAccess access) : ISlackViewHandler
{
    public async Task<SlackViewReply?> HandleAsync(ViewSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!await access.IsAllowedAsync(FixActions.GenerateFixPermission, submission.UserId, emptyMeansEveryone: false, cancellationToken))
        {
            return SlackViewReply.Error(FixActions.ReviseInputBlock, ReviseHandler.NotAllowed);
        }

        if (submission.Value(FixActions.ReviseInputBlock, FixActions.ReviseInputAction)?.Trim() is not { Length: > 0 } instruction)
        {
            return SlackViewReply.Error(FixActions.ReviseInputBlock, "Say what should change about the fix.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!FixClicks.TryParseId(submission.PrivateMetadata, out var fixId) || await FixClicks.LoadAsync(db, fixId, cancellationToken) is not { } found)
        {
            return SlackViewReply.Error(FixActions.ReviseInputBlock, "This fix no longer exists.");
        }

        if (found.Fix.Status is not (FixStatus.Ready or FixStatus.Failed))
        {
            return SlackViewReply.Error(FixActions.ReviseInputBlock, FixClicks.Why(found.Fix, "revised"));
        }

        await jobs.EnqueueAsync(FixJobHandler.Kind, new FixJob(found.Fix.TriageId, submission.UserId) { Mode = FixJobMode.Revise, Instruction = instruction },
            FixesJsonContext.Default.FixJob, dedupeKey: $"fix-revise:{found.Fix.Id}:{submission.ViewId ?? Guid.NewGuid().ToString("N")}", cancellationToken: cancellationToken);
        return null;
    }
}
