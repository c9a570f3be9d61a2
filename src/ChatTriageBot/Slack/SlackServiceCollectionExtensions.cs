using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

internal static class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<SlackMetrics>();
        // The client logs each call itself, at Debug and without its URL (a response URL is a credential); the
        // factory's own request logging would put every call at Information.
        services.AddHttpClient<SlackApiClient>((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<SlackOptions>>().Value.RequestTimeout)
            .RemoveAllLoggers();
        services.AddTransient<SlackPosts>();
        services.AddOptions<AccessOptions>()
            .Configure<IConfiguration>((access, configuration) => configuration.GetSection(AccessOptions.Section).Bind(access.Permissions))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<SlackAccess>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackAccess>());
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackRequestFilter>();
        services.AddSingleton<SlackDispatcher>();
        services.AddSingleton<SlackFollowUps>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackFollowUps>());
        services.AddSingleton<SlackIdentityProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackIdentityProvider>());
        services.AddSingleton<SocketModeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SocketModeListener>());
        services.AddHealthChecks()
            .AddCheck<SlackIdentityProvider>("slack", tags: ["ready"])
            .AddCheck<SocketModeListener>(SocketModeListener.HealthCheckName, tags: ["ready"]);
        return services;
    }
}
