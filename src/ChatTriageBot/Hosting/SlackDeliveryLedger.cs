using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Hosting;

/// <summary>
/// The Slack layer's dedupe ledger on the bot's database (<see cref="DeliveryClaims"/>): a claim inserts every key and
/// fails as a whole when any key exists. Claims arriving together are written in one transaction
/// (<see cref="StorageWriter"/>). Handlers that queue work claim with that work instead (the triage of a mention),
/// so a delivery is never accepted without its work.
/// </summary>
public sealed class SlackDeliveryLedger : ISlackDeliveryLedger
{
    private readonly IDbContextFactory<TriageDbContext> _databases;
    private readonly DeliveryClaims _claims;
    private readonly StorageWriter _writer;
    private readonly GroupWrite<IReadOnlyList<string>, bool> _claim;

    public SlackDeliveryLedger(IDbContextFactory<TriageDbContext> databases, StorageWriter writer, DeliveryClaims claims)
    {
        _databases = databases;
        _writer = writer;
        _claims = claims;
        _claim = new GroupWrite<IReadOnlyList<string>, bool>(ClaimBatchAsync, ClaimAloneAsync);
    }

    public async Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys.Count == 0 || await _writer.RunAsync(_claim, [.. keys.Distinct(StringComparer.Ordinal)], cancellationToken);
    }

    public async Task ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await db.SlackDeliveries.Where(d => keys.Contains(d.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<bool>> ClaimBatchAsync(TriageDbContext db, IReadOnlyList<IReadOnlyList<string>> claims, CancellationToken cancellationToken) =>
        await _claims.ClaimAsync(db, claims, cancellationToken);

    private async Task<bool> ClaimAloneAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var granted = (await _claims.ClaimAsync(db, [keys], cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return granted;
    }
}
