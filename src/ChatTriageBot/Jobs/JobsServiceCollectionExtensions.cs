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
        return services;
    }

    public static IServiceCollection AddJobWorker(this IServiceCollection services)
    {
        services.AddHostedService<JobWorker>();
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
