using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>The pipeline itself (used by the command line and by the Slack job).</summary>
    public static IServiceCollection AddTriagePipeline(this IServiceCollection services)
    {
        services.AddSingleton<DiagnosisService>();
        services.AddSingleton<TriagePipeline>();
        return services;
    }

    /// <summary>Slack triages: the queue that records them and the job handler that performs them.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services)
    {
        services.AddTriagePipeline();
        services.AddSingleton<TriageQueue>();
        services.AddJobHandler<TriageJobHandler>();
        services.AddSingleton<ISlackEventHandler, MentionHandler>();
        services.AddKeyedSingleton<ISlackCommandHandler, TriageCommandHandler>(TriageCommandHandler.Command);
        services.AddKeyedSingleton<ISlackActionHandler, ChooseRepositoryHandler>(TriageActions.ChooseRepository);
        return services;
    }
}
