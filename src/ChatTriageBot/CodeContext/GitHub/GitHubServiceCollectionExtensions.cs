using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

internal static class GitHubServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="GitHubOptions"/> and registers the shared <see cref="GitHubClientFactory"/>.</summary>
    public static IServiceCollection AddGitHub(this IServiceCollection services)
    {
        services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        services.AddSingleton<GitHubClientFactory>();
        return services;
    }
}
