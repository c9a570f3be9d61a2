using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

internal static class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddSlackWebApi();
        services.AddOptions<SlackOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddOptions<AccessOptions>()
            .Configure<IConfiguration>((access, configuration) => configuration.GetSection(AccessOptions.Section).Bind(access.Permissions))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<SlackAccess>();
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackRequestFilter>();
        services.AddSingleton<SlackCommandHelp>();
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

    /// <summary>
    /// The Web API client alone, with its settings bound but not required (a command-line verb that posts checks the
    /// token it needs itself; one that does not post needs no Slack settings).
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section);
        services.AddHttpClient<SlackApiClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
