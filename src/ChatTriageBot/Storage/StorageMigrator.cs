using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

/// <summary>Brings the database to the current schema before anything else starts.</summary>
internal sealed class StorageMigrator(TriageDbContextFactory factory, IOptions<DataOptions> data, ILogger<StorageMigrator> logger)
    : IHostedService
{
    public bool Completed { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(data.Value.FullPath);
        await using var db = factory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(factory.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            // WAL lets a reader (the web endpoints) and a writer (a worker) work at the same time.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        StorageLog.Migrated(logger);
        Completed = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
