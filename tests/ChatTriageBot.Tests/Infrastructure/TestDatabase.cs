using System.Collections.Concurrent;
using System.Data.Common;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The database a test's bot uses. By default SQLite: a file under the test's data folder, with nothing to set. When
/// <see cref="Variable"/> holds a connection string to a PostgreSQL server (<c>.ci/run</c> starts one and sets it for
/// its second run of the suite), each test folder gets a database of its own on that server instead, named after the
/// folder, created by the bot's own migrator at start and dropped with the folder: tests stay independent and
/// parallel on either provider, and every test that starts a bot through <see cref="AppFixture"/> or these settings
/// runs on both.
/// </summary>
public static class TestDatabase
{
    /// <summary>The environment variable naming the PostgreSQL server (no database), e.g. <c>Host=127.0.0.1;Port=55432;Username=postgres</c>.</summary>
    public const string Variable = "CTB_TEST_POSTGRES";

    private static readonly ConcurrentDictionary<string, bool> Used = new(StringComparer.Ordinal);

    /// <summary>The server's connection string, or null when the suite runs on SQLite.</summary>
    public static string? Server => System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => Server is not null;

    /// <summary>The settings (<c>Section:Key</c>) that put a bot whose data folder is in <paramref name="folder"/> on its database; none on SQLite.</summary>
    public static Dictionary<string, string?> Settings(TempDirectory folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return IsPostgres
            ? new() { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = ConnectionString(folder) }
            : [];
    }

    /// <summary>The same as <see cref="Settings"/>, as environment variables (<c>Section__Key</c>) for a bot process.</summary>
    public static Dictionary<string, string> Environment(TempDirectory folder) =>
        Settings(folder).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!, StringComparer.Ordinal);

    /// <summary>The connection string of <paramref name="folder"/>'s PostgreSQL database (only when <see cref="IsPostgres"/>).</summary>
    public static string ConnectionString(TempDirectory folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var name = Name(folder);
        Used[name] = true;
        return new NpgsqlConnectionStringBuilder(Server ?? throw new InvalidOperationException($"{Variable} is not set")) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="folder"/>, if it has one (any connections to it are ended).</summary>
    public static void Drop(TempDirectory folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!IsPostgres || !Used.TryRemove(Name(folder), out _))
        {
            return;
        }

        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name(folder)}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A storage outage until the result is disposed: on SQLite the data folder (<paramref name="dataFolder"/>, holding
    /// the database file) is replaced by a file, so the database cannot be opened; on PostgreSQL the database refuses
    /// connections and its open ones are ended.
    /// </summary>
    public static async Task<IAsyncDisposable> OutageAsync(TempDirectory folder, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (IsPostgres)
        {
            var name = Name(folder);
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            NpgsqlConnection.ClearAllPools();
            return new Restore(async () =>
            {
                await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
                NpgsqlConnection.ClearAllPools();
            });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Move(dataFolder, dataFolder + ".away");
        await File.WriteAllTextAsync(dataFolder, "not a folder");
        return new Restore(() =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(dataFolder);
            Directory.Move(dataFolder + ".away", dataFolder);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Creates <paramref name="folder"/>'s PostgreSQL database (before its bot starts) refusing connections, as a database
    /// that is not up yet does; disposing the result lets connections in. Only when <see cref="IsPostgres"/>.
    /// </summary>
    public static async Task<IAsyncDisposable> RefusingConnectionsAsync(TempDirectory folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _ = ConnectionString(folder);
        var name = Name(folder);
        await AdminAsync($"CREATE DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        return new Restore(async () =>
        {
            await AdminAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            NpgsqlConnection.ClearAllPools();
        });
    }

    /// <summary>
    /// Another connection takes the database's write lock and keeps it until the result is disposed: on SQLite the file's
    /// (<paramref name="sqliteFile"/>) exclusive lock; on PostgreSQL an <c>ACCESS EXCLUSIVE</c> lock on the jobs table,
    /// which every acknowledgement writes to. Reaching the database still works; writing does not.
    /// </summary>
    public static async Task<IAsyncDisposable> WriteLockAsync(TempDirectory folder, string sqliteFile)
    {
        ArgumentNullException.ThrowIfNull(folder);
        DbConnection holder = IsPostgres
            ? new NpgsqlConnection(ConnectionString(folder))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqliteFile};Mode=ReadWrite;Pooling=False");
        await holder.OpenAsync();
        await using (var take = holder.CreateCommand())
        {
            take.CommandText = IsPostgres ? "BEGIN; LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE;" : "BEGIN EXCLUSIVE;";
            await take.ExecuteNonQueryAsync();
        }

        return new Restore(async () =>
        {
            await using (var release = holder.CreateCommand())
            {
                release.CommandText = "ROLLBACK;";
                await release.ExecuteNonQueryAsync();
            }

            await holder.DisposeAsync();
        });
    }

    /// <summary>Makes every insert into <paramref name="table"/> fail (as a full disk would) until the result is disposed.</summary>
    internal static async Task<IAsyncDisposable> FailInsertsAsync(Func<TriageDbContext> databases, string table)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var (create, drop) = IsPostgres
            ? ($"""
               CREATE FUNCTION fail_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
               CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_{table}();
               """,
               $"DROP TRIGGER fail_{table} ON {table}; DROP FUNCTION fail_{table}();")
            : ($"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'disk full'); END;", $"DROP TRIGGER fail_{table};");
        await using (var db = databases())
        {
            await db.Database.ExecuteSqlRawAsync(create);
        }

        return new Restore(async () =>
        {
            await using var db = databases();
            await db.Database.ExecuteSqlRawAsync(drop);
        });
    }

    private static string Name(TempDirectory folder) => "ctb_" + Path.GetFileName(folder.Path).Replace('-', '_').ToLowerInvariant();

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
