using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

/// <summary>
/// Brings the database to the current schema. Tried once as the host starts; if the database cannot be reached then,
/// the process still starts (healthy, not ready: <c>/readyz</c> says why, Slack gets 503 and retries) and keeps trying
/// in the background with backoff, so an unreachable database never becomes a crash loop and the bot recovers by itself
/// once it is back. Work that needs the schema waits for <see cref="WaitAsync"/>.
/// </summary>
internal sealed class StorageMigrator(TriageDbContextFactory factory, IOptions<DataOptions> data, TimeProvider timeProvider, ILogger<StorageMigrator> logger)
    : IHostedService, IDisposable
{
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
    }
}
