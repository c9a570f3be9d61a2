using ChatTriageBot.Jobs;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.Digest;

internal static class DigestServiceCollectionExtensions
{
    /// <summary>Composing a week's digest and its chart from the database (what the <c>digest --dry-run</c> verb needs).</summary>
    public static IServiceCollection AddDigestComposer(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddSingleton<DigestSchedule>();
        services.AddSingleton<DigestComposer>();
        return services;
    }

    /// <summary>Posting a week's digest once (the <c>digest</c> verb and the job both post through it).</summary>
    public static IServiceCollection AddDigestPublisher(this IServiceCollection services)
    {
        services.AddDigestComposer();
        services.AddSingleton<DigestPublisher>();
        return services;
    }

    /// <summary>
    /// The weekly digest: Quartz fires <see cref="WeeklyDigestJob"/> on <c>Digest__Cron</c> in <c>Digest__TimeZone</c>,
    /// a start-up check catches up a digest due while the bot was down, and a job posts it. Nothing is scheduled
    /// without <c>Digest__Channel</c>; a malformed cron is reported by validation at start-up.
    /// </summary>
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddDigestPublisher();
        services.AddSingleton<DigestScheduler>();
        services.AddJobHandler<DigestJobHandler>();
        services.AddHostedService<DigestStartup>();
        services.AddTransient<WeeklyDigestJob>();
        var settings = configuration.GetSection(DigestOptions.Section).Get<DigestOptions>() ?? new DigestOptions();
        if (settings.IsEnabled && CronExpression.TryParse(settings.Cron, out _) && TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var zone))
        {
            // Missed fires are not replayed by Quartz: the start-up check does that, once, from the database.
            services.AddQuartz(quartz => quartz.ScheduleJob<WeeklyDigestJob>(
                trigger => trigger.WithIdentity("weekly-digest-trigger", "digest")
                    .WithCronSchedule(settings.Cron, cron => cron.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)),
                job => job.WithIdentity(WeeklyDigestJob.Key)));
        }

        return services;
    }
}
