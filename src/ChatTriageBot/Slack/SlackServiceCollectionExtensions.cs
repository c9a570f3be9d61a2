using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

internal static class SlackServiceCollectionExtensions
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddHttpClient<SlackApiClient>(client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddOptions<AccessOptions>()
            .Configure<IConfiguration>((access, configuration) => configuration.GetSection(AccessOptions.Section).Bind(access.Permissions));
        services.AddSingleton<SlackAccess>();
        services.AddSingleton<SlackSignatureVerifier>();
        services.AddSingleton<SlackRequestFilter>();
        services.AddSingleton<SlackCommandHelp>();
        services.AddSingleton<SlackDispatcher>();
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
