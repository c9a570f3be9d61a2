using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatTriageBot.Storage;

/// <summary>
/// Ready once migrations ran and the database takes writes: on SQLite a write lock must be had within a second (a
/// database locked by another process is as unusable as one that is gone); elsewhere the database must answer.
/// </summary>
internal sealed class StorageHealthCheck(TriageDbContextFactory factory, StorageMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy(migrator.Problem ?? "storage is not migrated yet");
        }

        try
        {
            await using var db = factory.CreateDbContext();
            if (!db.Database.IsSqlite())
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("storage is unreachable");
            }

            // A connection of its own (not pooled) with a short busy timeout, so the probe neither waits ten seconds nor
            // changes the pooled connections' settings.
            var builder = new SqliteConnectionStringBuilder(factory.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 2 };
            await using var connection = new SqliteConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=1000; BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"storage does not take writes: {exception.Message}");
        }
    }
}
