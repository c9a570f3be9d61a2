using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

internal static class CodeContextServiceCollectionExtensions
{
    /// <summary>Reference extraction, snapshots, ranking and packing.</summary>
    public static IServiceCollection AddCodeContext(this IServiceCollection services)
    {
        services.AddOptions<CodeContextOptions>()
            .BindConfiguration(CodeContextOptions.Section)
            .PostConfigure<IOptions<GitHubOptions>>((options, github) =>
            {
                // The GitHub token also reads private repositories' mirrors, sent only to GitHub's own host.
                options.AccessToken = github.Value.Token;
                var api = github.Value.ApiBaseUrl;
                options.AccessTokenHost = api.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) ? "github.com" : api.Host;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CodeContextOptions>, CodeContextOptionsValidator>();
        services.AddGitHub();
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

    /// <summary>
    /// The background refresh of every repository's mirror and index in this process (<see cref="MirrorRefreshService"/>),
    /// every <c>CodeContext__FetchIntervalMinutes</c> (0 turns it off), first one minute after start.
    /// </summary>
    public static IServiceCollection AddMirrorRefresh(this IServiceCollection services)
    {
        services.AddSingleton<MirrorRefreshJob>();
        services.AddSingleton<MirrorRefreshService>();
        services.AddHostedService(sp => sp.GetRequiredService<MirrorRefreshService>());
        return services;
    }
}
