using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Storage;

/// <summary>
/// The write-ahead log is copied back into the database file by the background checkpointer, not by the commits that
/// acknowledge Slack deliveries: a real SQLite file, read as the main file alone (<c>immutable=1</c> ignores the log).
/// </summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("ctb-checkpoint");
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (TestDatabase.IsPostgres)
        {
            return;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = _folder.Combine("data") }).Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => TestOutputLoggerProvider.Install(l))
            .AddSingleton(TimeProvider.System)
            .AddStorage()
            .BuildServiceProvider();
        await _services.GetRequiredService<StorageMigrator>().StartAsync(Ct);

        // The schema goes into the file now, so the test sees rows move and nothing else.
        await using var db = _services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
        await db.Database.OpenConnectionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        await _folder.DisposeAsync();
    }

    [Fact]
    public async Task CommittedRows_StayInTheLog_UntilTheBackgroundCheckpointCopiesThemToTheFile()
    {
        Assert.SkipWhen(TestDatabase.IsPostgres, "SQLite's write-ahead log: this run is on PostgreSQL");
        await WriteSettingsAsync(50);

        // The commits themselves do not checkpoint below SqlitePragmaInterceptor.AutoCheckpointPages.
        await Task.Delay(SqliteCheckpointer.Interval * 2, Ct);
        Assert.Equal(0, CountInMainFile());

        var checkpointer = _services!.GetRequiredService<SqliteCheckpointer>();
        await checkpointer.StartAsync(Ct);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            // The rows reach the file while the checkpoint runs, a moment before it is counted.
            while ((CountInMainFile() < 50 || checkpointer.Checkpoints == 0) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }

            Assert.Equal(50, CountInMainFile());
            Assert.True(checkpointer.Checkpoints > 0);
        }
        finally
        {
            await checkpointer.StopAsync(CancellationToken.None);
        }
    }

    private async Task WriteSettingsAsync(int count)
    {
        var factory = _services!.GetRequiredService<TriageDbContextFactory>();
        for (var i = 0; i < count; i++)
        {
            await using var db = factory.CreateDbContext();
            db.ChannelSettings.Add(new ChannelSettingRecord { Channel = $"C{i:D4}", Repository = "acme/shop", UpdatedBy = "U1" });
            await db.SaveChangesAsync(Ct);
        }
    }

    /// <summary>Rows of the main database file alone: an immutable connection never reads the log.</summary>
    private int CountInMainFile()
    {
        var file = new SqliteConnectionStringBuilder(_services!.GetRequiredService<TriageDbContextFactory>().ConnectionString).DataSource;
        using var connection = new SqliteConnection($"Data Source=file:{Path.GetFullPath(file)}?immutable=1;Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM channel_settings";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
