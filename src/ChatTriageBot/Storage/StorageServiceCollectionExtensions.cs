using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>Where the bot keeps its files (<c>Data__Directory</c>), validated at start; the command line needs it without a database.</summary>
    public static IServiceCollection AddDataOptions(this IServiceCollection services)
    {
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataOptions>, DataOptionsValidator>());
        return services;
    }

    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddDataOptions();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<TriageDbContextFactory>();
        services.AddSingleton<IDbContextFactory<TriageDbContext>>(sp => sp.GetRequiredService<TriageDbContextFactory>());
        services.AddSingleton<StorageMigrator>();
        services.AddSingleton<StorageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageMigrator>());
        services.AddSingleton<SqliteCheckpointer>();
        services.AddHostedService(sp => sp.GetRequiredService<SqliteCheckpointer>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }
}
