using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.CodeContext;

internal static class CodeContextServiceCollectionExtensions
{
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
    /// <c>CodeContext__FetchIntervalMinutes</c> (0 turns it off), first one minute after start.
    /// </summary>
    public static IServiceCollection AddMirrorRefresh(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTransient<MirrorRefreshJob>();
        var raw = configuration[$"{CodeContextOptions.Section}:{nameof(CodeContextOptions.FetchIntervalMinutes)}"];
        var minutes = raw is null ? new CodeContextOptions().FetchIntervalMinutes
            : int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (minutes is > 0 and <= 24 * 60)
        {
            services.AddQuartz(quartz => quartz.ScheduleJob<MirrorRefreshJob>(
                trigger => trigger.WithIdentity("mirror-refresh-trigger", "code-context")
                    .StartAt(TimeProvider.System.GetUtcNow().AddMinutes(1))
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(minutes)).RepeatForever()),
                job => job.WithIdentity(MirrorRefreshJob.Key)));
        }

        return services;
    }
}
