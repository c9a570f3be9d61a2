using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>The queue (for enqueuing); add the worker with <see cref="AddJobWorker"/> where jobs should run.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobQueue>();
        services.AddMetrics();
        services.AddSingleton<JobsMetrics>();
        return services;
    }

    /// <summary>
    /// The workers (none run with <c>Jobs__Workers=0</c>, but the process still knows its identity), the queue's gauges,
    /// and a host shutdown timeout long enough for the jobs' grace period.
    /// </summary>
    public static IServiceCollection AddJobWorker(this IServiceCollection services)
    {
        services.AddSingleton<WorkerIdentity>();
        services.AddHostedService<JobWorker>();
        services.AddHostedService<JobQueueSampler>();
        services.AddOptions<HostOptions>().Configure<IOptions<JobsOptions>>((host, jobs) =>
        {
            JobsOptions settings;
            try
            {
                settings = jobs.Value;
            }
            catch (Exception exception) when (exception is InvalidOperationException or OptionsValidationException)
            {
                // A malformed Jobs setting: start-up reports it by name (StartupProblems); the host's default stands.
                return;
            }

            var needed = settings.ShutdownGrace + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });
        return services;
    }

    /// <summary>Registers the handler of one job kind (scoped: one instance per job run).</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddScoped<IJobHandler, THandler>();
        return services;
    }
}
