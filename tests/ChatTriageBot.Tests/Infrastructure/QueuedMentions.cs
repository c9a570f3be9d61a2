using ChatTriageBot.Storage;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The mentions queued for triage, read from their jobs (a delivery queues the job; the triage row is written when the
/// job first runs, and these tests run no worker).
/// </summary>
internal static class QueuedMentions
{
    public static async Task<List<SlackTriageRequest>> ReadAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        var payloads = await db.Jobs.AsNoTracking().Where(j => j.Kind == TriageJobHandler.Kind).Select(j => j.Payload).ToListAsync(cancellationToken);
        return [.. payloads
            .Select(p => System.Text.Json.JsonSerializer.Deserialize(p, TriageJsonContext.Default.TriageJob)?.Request)
            .OfType<SlackTriageRequest>()];
    }
}
