using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Costs;

/// <summary>
/// The record of every model call (the <c>model_usage</c> table), written by <see cref="CostTrackingChatClient"/> as the
/// model answers. Caps, <c>/triage cost</c> and the digest read it; sums are computed by the database, over integer
/// millionths of a dollar.
/// </summary>
internal sealed class UsageLedger(IDbContextFactory<TriageDbContext> databases, TimeProvider timeProvider, ILogger<UsageLedger> logger)
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>
    /// Records one call. A call already recorded (the same response id) is left as it is, so writing its record twice
    /// changes nothing. The write does not stop for the caller's cancellation: the provider has charged for the call
    /// whatever happens to the job next. Should the database stay unreachable, the loss is logged and the caller goes on
    /// (failing it would only make its retry pay for the call again). Returns whether this write added the row.
    /// </summary>
    public async Task<bool> RecordAsync(ModelUsageRecord call)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
                db.ModelUsage.Add(call);
                await db.SaveChangesAsync(CancellationToken.None);
                CostsLog.Recorded(logger, call.ResponseId, call.Operation, call.TriageId, call.InputTokens, call.OutputTokens, call.CostMicros);
                return true;
            }
            catch (DbUpdateException exception) when (StorageErrors.IsUniqueViolation(exception))
            {
                CostsLog.AlreadyRecorded(logger, call.ResponseId);
                return false;
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException && attempt < RetryDelays.Length)
            {
                call.Id = 0;
                await Task.Delay(RetryDelays[attempt], timeProvider, CancellationToken.None);
            }
            catch (Exception exception) when (exception is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                CostsLog.RecordFailed(logger, call.ResponseId, call.Operation, call.TriageId, call.CostMicros, exception);
                return false;
            }
        }
    }

    /// <summary>Millionths of a dollar spent since <paramref name="since"/>, by everyone or only in a channel or only by a user.</summary>
    public async Task<long> SpentMicrosAsync(DateTimeOffset since, string? channel, string? userId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.ModelUsage.AsNoTracking().Where(u => u.CreatedAt >= since);
        if (channel is not null)
        {
            query = query.Where(u => u.Channel == channel);
        }

        if (userId is not null)
        {
            query = query.Where(u => u.UserId == userId);
        }

        return await query.SumAsync(u => u.CostMicros, cancellationToken);
    }

    /// <summary>The newest call in the ledger (any process's), or null when there is none.</summary>
    public async Task<(string Model, DateTimeOffset At)?> LastCallAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var last = await db.ModelUsage.AsNoTracking().OrderByDescending(u => u.CreatedAt).Select(u => new { u.Model, u.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : (last.Model, last.CreatedAt);
    }
}
