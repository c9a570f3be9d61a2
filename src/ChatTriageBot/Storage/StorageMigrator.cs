using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatTriageBot.Storage;

/// <summary>
/// Brings the database to the current schema. Tried once as the host starts; if the database cannot be reached then,
/// the process still starts (healthy, not ready: <c>/readyz</c> says why, Slack gets 503 and retries) and keeps trying
/// in the background with backoff, so an unreachable database never becomes a crash loop and the bot recovers by itself
/// once it is back. Work that needs the schema waits for <see cref="WaitAsync"/>. On PostgreSQL, where several replicas
/// start against one database, one replica at a time migrates: each holds a session advisory lock while it applies the
/// migrations and creates Quartz's tables, and the next finds them done. The lock goes with its connection, so a
/// replica killed while migrating does not block the others.
/// </summary>
internal sealed class StorageMigrator(TriageDbContextFactory factory, IOptions<DataOptions> data, TimeProvider timeProvider, ILogger<StorageMigrator> logger)
    : IHostedService, IDisposable
{
    /// <summary>The advisory lock key the replicas serialize their migrations on ("CTBMIGR" in ASCII).</summary>
    public const long MigrationLockKey = 0x43_5442_4D49_4752;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;
    private Task? _retrying;

    public bool Completed => _done.Task.IsCompletedSuccessfully;

    /// <summary>Why the schema is not there yet (the last failure), for the readiness check.</summary>
    public string? Problem { get; private set; }

    /// <summary>Completes once the database is at the current schema.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _done.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryMigrateAsync(cancellationToken))
        {
            return;
        }

        _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed))
        {
            // The host may stop a service again after disposing it.
            return;
        }

        await _stopping.CancelAsync();
        if (_retrying is { } retrying)
        {
            await retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
                if (await TryMigrateAsync(stoppingToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }

    private async Task<bool> TryMigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await MigrateAsync(cancellationToken);
            Problem = null;
            StorageLog.Migrated(logger);
            _done.TrySetResult();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Problem = $"the database cannot be reached or migrated: {exception.GetType().Name}: {exception.Message}";
            StorageLog.MigrationFailed(logger, exception);
            return false;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data.Value.FullPath);
        await using var db = factory.CreateDbContext();
        if (factory.IsPostgres)
        {
            await MigratePostgresAsync(db, cancellationToken);
        }
        else
        {
            await MigrateSqliteAsync(db, cancellationToken);
        }
    }

    private async Task MigrateSqliteAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // WAL lets a reader (the web endpoints) and a writer (a worker) work at the same time.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private async Task MigratePostgresAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        await CreateDatabaseIfMissingAsync(db, cancellationToken);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        if (!await LockAsync(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
        {
            StorageLog.WaitingForMigration(logger);
            await LockAsync(connection, "SELECT pg_advisory_lock(@key) IS NULL", cancellationToken);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            await QuartzSchema.CreateAsync(connection, cancellationToken);
        }
        finally
        {
            await LockAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    /// <summary>Runs one of the advisory lock functions on <see cref="MigrationLockKey"/>; returns its answer.</summary>
    private static async Task<bool> LockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Creates the database when the server has none of that name (a first start with a user allowed to create it); a
    /// replica that loses the race to create it goes on with the one the other created.
    /// </summary>
    private static async Task CreateDatabaseIfMissingAsync(TriageDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it a moment earlier.
        }
    }
}
