using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatTriageBot.Storage;

/// <summary>
/// Brings the database to the current schema before anything else starts. On PostgreSQL, where several replicas start
/// against one database, one replica at a time migrates: each holds a session advisory lock while it applies the
/// migrations and creates Quartz's tables, and the next finds them done. The lock goes with its connection, so a
/// replica killed while migrating does not block the others.
/// </summary>
internal sealed class StorageMigrator(TriageDbContextFactory factory, IOptions<DataOptions> data, ILogger<StorageMigrator> logger)
    : IHostedService
{
    /// <summary>The advisory lock key the replicas serialize their migrations on ("CTBMIGR" in ASCII).</summary>
    public const long MigrationLockKey = 0x43_5442_4D49_4752;

    public bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
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

        StorageLog.Migrated(logger);
        Completed = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
