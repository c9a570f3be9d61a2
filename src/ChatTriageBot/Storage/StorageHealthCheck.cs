using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChatTriageBot.Storage;

/// <summary>
/// Ready once migrations ran and the database takes writes within about a second: a database locked by someone else
/// is as unusable as one that is gone. On SQLite the probe must get the file's write lock; on PostgreSQL it must connect
/// and get the write lock (<c>ROW EXCLUSIVE</c>) on the tables a Slack acknowledgement writes, which a table lock held
/// by another session or a database refusing connections denies. Each probe opens a connection of its own (not pooled),
/// so it neither changes the pooled connections' settings nor trusts a pooled connection the server has ended.
/// </summary>
internal sealed class StorageHealthCheck(TriageDbContextFactory factory, StorageMigrator migrator) : IHealthCheck
{
    /// <summary>How long the probe waits for a write lock.</summary>
    private const int LockWaitSeconds = 1;

    /// <summary>The tables every Slack acknowledgement writes to.</summary>
    private const string AcknowledgementTables = "slack_deliveries, triages, jobs";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy(migrator.Problem ?? "storage is not migrated yet");
        }

        try
        {
            if (factory.IsPostgres)
            {
                await ProbePostgresAsync(cancellationToken);
            }
            else
            {
                await ProbeSqliteAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"storage does not take writes: {exception.Message}");
        }
    }

    private async Task ProbeSqliteAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(factory.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = LockWaitSeconds };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement per command: the driver reports only the first statement that returns rows (PRAGMA busy_timeout
        // returns one), so a BEGIN that fails after it in the same command would go unnoticed.
        command.CommandText = $"PRAGMA busy_timeout={LockWaitSeconds * 1000};";
        await command.ExecuteScalarAsync(cancellationToken);
        command.CommandText = "BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "ROLLBACK;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ProbePostgresAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Pooling = false, Timeout = LockWaitSeconds + 1, CommandTimeout = LockWaitSeconds + 2 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SET LOCAL lock_timeout = '{LockWaitSeconds}s'; LOCK TABLE {AcknowledgementTables} IN ROW EXCLUSIVE MODE;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.RollbackAsync(cancellationToken);
    }
}
