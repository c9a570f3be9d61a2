using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

public static class CodeContextServiceCollectionExtensions
{
    /// <summary>Reference extraction, snapshots, ranking and packing.</summary>
    public static IServiceCollection AddCodeContext(this IServiceCollection services)
    {
        services.AddOptions<CodeContextOptions>().BindConfiguration(CodeContextOptions.Section);
        services.AddGitHub();
        services.AddSingleton<CodeReferenceExtractor>();
        services.AddSingleton<CodeIndexStore>();
        services.AddSingleton(sp => new CodeRanker(sp.GetRequiredService<CodeIndexStore>()));
        services.AddSingleton<CodeLocator>();
        services.AddSingleton<GitHubSource>();
        return services;
    }

    /// <summary>The configured repositories (validated at start: serving needs at least one).</summary>
    public static IServiceCollection AddRepositoryRegistry(this IServiceCollection services)
    {
        services.AddOptions<ReposOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ReposOptions.Section).Bind(options.Items))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReposOptions>, ReposOptionsValidator>();
        services.AddSingleton<RepositoryRegistry>();
        return services;
    }
}
