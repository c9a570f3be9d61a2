using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Fixes;

internal static class FixesServiceCollectionExtensions
{
    /// <summary>The <b>Generate fix</b> button and the job that writes and checks the patch.</summary>
    public static IServiceCollection AddFixes(this IServiceCollection services)
    {
        services.AddSingleton<FixGenerator>();
        services.AddJobHandler<FixJobHandler>();
        services.AddKeyedSingleton<ISlackActionHandler, GenerateFixHandler>(FixActions.GenerateFix);
        return services;
    }
}
