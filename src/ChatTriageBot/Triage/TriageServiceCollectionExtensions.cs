using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddLogRedaction();
        return services;
    }

    /// <summary>Every logger redacts what it writes (<see cref="RedactingLoggerFactory"/>), whatever provider it writes to.</summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(ActivatorUtilities.CreateInstance<LoggerFactory>(sp), LogOptions(sp))));
        return services;
    }

    /// <summary>
    /// The team's redaction settings; the built-in ones while those are invalid, since loggers exist before the start-up
    /// check that names the bad setting and stops the app.
    /// </summary>
    private static RedactionOptions LogOptions(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<RedactionOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            return new RedactionOptions();
        }
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
