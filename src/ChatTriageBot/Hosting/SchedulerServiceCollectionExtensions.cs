using ChatTriageBot.Storage;
using Quartz;

namespace ChatTriageBot.Hosting;

internal static class SchedulerServiceCollectionExtensions
{
    /// <summary>Quartz's name for the bot's scheduler; the replicas sharing a database form one cluster under it.</summary>
    public const string SchedulerName = "ChatTriageBot";

    /// <summary>
    /// One Quartz scheduler for the features' recurring shared work (the pull-request poll, the weekly digest). On SQLite
    /// (one process) its triggers live in memory. On PostgreSQL it keeps them in Quartz's ADO job store in the bot's own
    /// database (tables created by <see cref="StorageMigrator"/>) and clusters: the replicas share the triggers, a firing
    /// is taken under Quartz's row lock (<c>qrtz_locks</c>) by one replica only, and a replica that stops checking in
    /// has its firings recovered by another. Work each replica does for itself (its mirrors) is not scheduled here. The
    /// scheduler starts once storage is ready (<see cref="SchedulerHost"/>), so an unreachable database never fails start-up.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddQuartz(quartz =>
        {
            var clustered = storage.IsPostgres && !string.IsNullOrWhiteSpace(storage.ConnectionString);
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                if (clustered)
                {
                    // Each replica is one node of the cluster, named after its host and process (unique across restarts).
                    scheduler.InstanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
                }
            });

            // A malformed connection string is reported by the storage options' validation before the scheduler starts.
            if (clustered)
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(storage.ConnectionString!);
                    store.UseSystemTextJsonSerializer();
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = TimeSpan.FromSeconds(10);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(30);
                    });
                });
            }
        });
        services.AddHostedService<SchedulerHost>();
        return services;
    }
}
