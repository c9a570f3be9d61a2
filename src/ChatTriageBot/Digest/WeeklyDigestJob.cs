using Quartz;

namespace ChatTriageBot.Digest;

/// <summary>
/// Quartz fires this on <c>Digest__Cron</c>; it only triggers: the digest that is due is queued by
/// <see cref="DigestScheduler"/>, whose once-per-week rule holds with several replicas (each may fire it).
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WeeklyDigestJob(DigestScheduler scheduler) : IJob
{
    public static readonly JobKey Key = new("weekly-digest", "digest");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await scheduler.EnsureDueAsync(atStartup: false, cancellationToken);
    }
}
