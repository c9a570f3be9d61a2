using System.Globalization;
using ChatTriageBot.Jobs;
using ChatTriageBot.Slack;
using ChatTriageBot.Triage;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.Fixes;

internal static class FixesServiceCollectionExtensions
{
    /// <summary>
    /// Fixes: <b>Generate fix</b> under a triage's answer, the job that writes and checks the patch, the fix message's
    /// buttons (Open PR, Revise, Discard, Regenerate), the Revise modal and follow-up mentions that revise, the Open PR
    /// job, and the following of the pull requests it opened (a Quartz poll every <c>Fixes__PullRequestPollMinutes</c>,
    /// 0 = off, and <see cref="GitHubWebhookEndpoints"/>).
    /// </summary>
    public static IServiceCollection AddFixes(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FixesOptions>()
            .Configure<IConfiguration>((options, config) => config.GetSection(FixesOptions.Section).Bind(options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FixesOptions>, FixesOptionsValidator>();
        services.AddOptions<PullRequestOptions>()
            .Configure<IConfiguration>((options, config) => config.GetSection(PullRequestOptions.Section).Bind(options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PullRequestOptions>, PullRequestOptionsValidator>();

        services.AddSingleton<FixGenerator>();
        services.AddSingleton<PatchChecks>();
        services.AddSingleton<CheckCommandRunner>();
        services.AddSingleton<FixMessages>();
        services.AddSingleton<PullRequestPublisher>();
        services.AddSingleton<PullRequestOutcomes>();
        services.AddJobHandler<FixJobHandler>();
        services.AddJobHandler<FixMessageJobHandler>();
        services.AddJobHandler<OpenPullRequestJobHandler>();
        services.AddJobHandler<PullRequestOutcomeJobHandler>();

        services.AddSingleton<IButtonContributor<TriageAnswer>, GenerateFixButton>();
        services.AddSingleton<IButtonContributor<FixView>, FixButtons>();
        services.AddSingleton<IThreadFollowUp, FixFollowUp>();
        services.AddKeyedSingleton<ISlackActionHandler, GenerateFixHandler>(FixActions.GenerateFix);
        services.AddKeyedSingleton<ISlackActionHandler, OpenPullRequestHandler>(FixActions.OpenPullRequest);
        services.AddKeyedSingleton<ISlackActionHandler, ReviseHandler>(FixActions.Revise);
        services.AddKeyedSingleton<ISlackActionHandler, DiscardHandler>(FixActions.Discard);
        services.AddKeyedSingleton<ISlackActionHandler, RegenerateHandler>(FixActions.Regenerate);
        services.AddKeyedSingleton<ISlackViewHandler, ReviseSubmissionHandler>(FixActions.ReviseModal);

        services.AddTransient<PullRequestPollJob>();
        var raw = configuration[$"{FixesOptions.Section}:{nameof(FixesOptions.PullRequestPollMinutes)}"];
        var minutes = raw is null ? new FixesOptions().PullRequestPollMinutes
            : int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (minutes is > 0 and <= 24 * 60)
        {
            services.AddQuartz(quartz => quartz.ScheduleJob<PullRequestPollJob>(
                trigger => trigger.WithIdentity("pull-request-poll-trigger", "fixes")
                    .StartAt(TimeProvider.System.GetUtcNow().AddMinutes(1))
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(minutes)).RepeatForever()),
                job => job.WithIdentity(PullRequestPollJob.Key)));
        }

        return services;
    }

    /// <summary><c>POST /github/webhook</c> (see <see cref="GitHubWebhookEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapFixes(this IEndpointRouteBuilder endpoints) => endpoints.MapGitHubWebhook();
}
