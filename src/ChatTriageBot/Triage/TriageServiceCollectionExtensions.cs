using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

internal static class TriageServiceCollectionExtensions
{
    /// <summary>The pipeline itself (used by the command line and by the Slack job).</summary>
    public static IServiceCollection AddTriagePipeline(this IServiceCollection services)
    {
        services.AddSingleton<DiagnosisService>();
        services.AddSingleton<TriagePipeline>();
        services.AddOptions<RedactionOptions>().BindConfiguration(RedactionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedactionOptions>, RedactionOptionsValidator>();
        return services;
    }

    /// <summary>Slack triages: the queue that records them and the job handler that performs them.</summary>
    public static IServiceCollection AddTriage(this IServiceCollection services)
    {
        services.AddTriagePipeline();
        services.AddOptions<TriageOptions>().BindConfiguration(TriageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TriageOptions>, TriageOptionsValidator>();
        services.AddSingleton<TriageQueue>();
        services.AddSingleton<ThreadReader>();
        services.AddSingleton<SpendGate>();
        services.AddJobHandler<TriageJobHandler>();
        services.AddJobHandler<TriageButtonJobHandler>();
        services.AddSingleton<ISlackEventHandler, MentionHandler>();
        services.AddSingleton(new SlackCommandIntro(SlashCommands.Triage, TriageHelp.Intro));
        services.AddSingleton<ISlackSubcommand, RepoCommand>();
        services.AddSingleton<ISlackSubcommand, AutoCommand>();
        services.AddSingleton<ISlackSubcommand, StatusCommand>();
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddSingleton<SupportChannels>();
        services.AddSingleton<ISlackEventHandler, SupportRequestHandler>();
        services.AddKeyedSingleton<ISlackActionHandler, ChooseRepositoryHandler>(TriageActions.ChooseRepository);
        services.AddSingleton<TriageButtonHandler>();
        foreach (var action in TriageActions.Private.Concat(TriageActions.Resuming))
        {
            services.AddKeyedSingleton<ISlackActionHandler>(action, (sp, _) => sp.GetRequiredService<TriageButtonHandler>());
        }
        return services;
    }
}
