using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>Draws a fix's thread message again after its state changed outside a job that talks to Slack (a discard). Idempotent: the update shows what is stored.</summary>
internal sealed class FixMessageJobHandler(IDbContextFactory<TriageDbContext> databases, FixMessages messages) : IJobHandler
{
    public const string Kind = "fix.message";

    string IJobHandler.Kind => Kind;

    public async Task HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.GetPayload(FixesJsonContext.Default.FixMessageJob);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await FixClicks.LoadAsync(db, job.FixId, cancellationToken) is not { } found)
        {
            throw new PermanentJobException($"fix {job.FixId} does not exist");
        }

        var (fix, triage) = found;
        var outcome = await db.PullRequestOutcomes.AsNoTracking().FirstOrDefaultAsync(o => o.FixId == fix.Id, cancellationToken);
        await messages.ShowAsync(fix, triage, outcome, cancellationToken);
    }
}
