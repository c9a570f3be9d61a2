using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.CodeContext;

internal static class CodeContextServiceCollectionExtensions
{
    private static readonly TriggerKey MirrorRefreshTrigger = new("mirror-refresh-trigger", "code-context");

    /// <summary>The value that tells Quartz a configured trigger is switched off: it is then neither built nor stored.</summary>
    private const string QuartzSwitchedOff = "-";

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
    /// The background refresh of every repository's mirror and index (<see cref="MirrorRefreshJob"/>), every
    /// <c>CodeContext__FetchIntervalMinutes</c> (0 turns it off), first one minute after start. The interval is read
    /// from the validated <see cref="CodeContextOptions"/> as the scheduler is built, so a malformed value stops start-up
    /// like any other setting.
    /// </summary>
    public static IServiceCollection AddMirrorRefresh(this IServiceCollection services)
    {
        services.AddTransient<MirrorRefreshJob>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<MirrorRefreshJob>(job => job.WithIdentity(MirrorRefreshJob.Key));
            quartz.AddConfiguredTrigger<MirrorRefreshJob>(
                $"{CodeContextOptions.Section}:{nameof(CodeContextOptions.FetchIntervalMinutes)}",
                (sp, _) => sp.GetRequiredService<IOptions<CodeContextOptions>>().Value.FetchIntervalMinutes is var minutes and > 0
                    ? minutes.ToString(CultureInfo.InvariantCulture)
                    : QuartzSwitchedOff,
                // Switched off, Quartz still builds the trigger (minutes is null) to learn its key, and stores nothing.
                (sp, minutes, trigger) => trigger.WithIdentity(MirrorRefreshTrigger)
                    .ForJob(MirrorRefreshJob.Key)
                    .StartAt(sp.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(1))
                    .WithSimpleSchedule(schedule => schedule
                        .WithInterval(TimeSpan.FromMinutes(minutes is null ? new CodeContextOptions().FetchIntervalMinutes : int.Parse(minutes, CultureInfo.InvariantCulture)))
                        .RepeatForever()));
        });
        return services;
    }
}
