using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Fixes;

internal static class FixesServiceCollectionExtensions
{
    /// <summary>The <b>Generate fix</b> button (offered under a triage's answer, and its click) and the job that writes and checks the patch.</summary>
    public static IServiceCollection AddFixes(this IServiceCollection services)
    {
        services.AddSingleton<FixGenerator>();
        services.AddJobHandler<FixJobHandler>();
        services.AddSingleton<IButtonContributor<TriageAnswer>, GenerateFixButton>();
        services.AddKeyedSingleton<ISlackActionHandler, GenerateFixHandler>(FixActions.GenerateFix);
        return services;
    }
}
