using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatTriageBot.Storage;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, <c>synchronous=NORMAL</c> keeps every committed transaction across a
/// process crash (SIGKILL) and never corrupts the file; only a power loss can undo the last commits. It saves an
/// fsync per commit, which is most of the cost of acknowledging a Slack delivery.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    // busy_timeout lets SQLite itself wait for a competing writer in steps of a few milliseconds; without it the
    // driver sleeps 150 ms at a time when the database is busy, which shows up directly in Slack ack latency.
    // wal_autocheckpoint: the log is copied back by SqliteCheckpointer in the background; a commit does it only if the
    // log has grown this far (40 MB of 4 KB pages) regardless, instead of at SQLite's default of 1,000 pages.
    public const int AutoCheckpointPages = 10_000;

    private static readonly string Pragmas = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint={AutoCheckpointPages};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
