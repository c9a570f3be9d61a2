using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Storage;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file in the background, so the connection that commits a
/// Slack delivery never does it. SQLite otherwise checkpoints inside whichever commit takes the log past 1,000 pages:
/// that commit copies the pages and syncs both files while every delivery queued behind it waits. A passive
/// checkpoint here runs beside the writers without blocking them; the connections' own automatic checkpoint stays as a
/// safety net at <see cref="SqlitePragmaInterceptor.AutoCheckpointPages"/> pages, in case this one falls behind.
/// </summary>
internal sealed class SqliteCheckpointer(TriageDbContextFactory factory, StorageMigrator migrator, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private long _checkpoints;

    /// <summary>Checkpoints completed since start (frames copied or not); read from any thread.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        TriageDbContext? db = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!migrator.Completed)
                {
                    continue;
                }

                try
                {
                    if (db is null)
                    {
                        db = factory.CreateDbContext();
                        if (!db.Database.IsSqlite())
                        {
                            return;
                        }

                        await db.Database.OpenConnectionAsync(stoppingToken);
                    }

                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
                    Interlocked.Increment(ref _checkpoints);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The commits' own automatic checkpoint still bounds the log; try again on the next tick.
                    StorageLog.CheckpointFailed(logger, exception.Message);
                    if (db is not null)
                    {
                        await db.DisposeAsync();
                        db = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (db is not null)
            {
                await db.DisposeAsync();
            }
        }
    }
}
