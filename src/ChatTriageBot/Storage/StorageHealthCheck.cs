using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatTriageBot.Storage;

/// <summary>Ready once migrations ran and the database answers.</summary>
internal sealed class StorageHealthCheck(TriageDbContextFactory factory, StorageMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy("storage is not migrated yet");
        }

        await using var db = factory.CreateDbContext();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("storage is unreachable");
    }
}
