using ChatTriageBot.Storage;
using Quartz;

namespace ChatTriageBot.Hosting;

/// <summary>
/// Starts the Quartz scheduler once storage is at the current schema, in the background. On PostgreSQL the scheduler's
/// job store lives in the bot's database and checks its tables when it is created, so creating it while the database is
/// unreachable would fail the host's start (a crash loop); here the process starts, serves "not ready" and starts the
/// scheduler as soon as <see cref="StorageMigrator"/> has the database, retrying with backoff if the scheduler still
/// cannot be created or started. Stopping shuts the scheduler down without waiting for running jobs.
/// </summary>
internal sealed class SchedulerHost(ISchedulerFactory factory, StorageMigrator migrator, TimeProvider timeProvider, ILogger<SchedulerHost> logger)
    : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private IScheduler? _scheduler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await migrator.WaitAsync(stoppingToken);
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var scheduler = await factory.GetScheduler(stoppingToken);
                Volatile.Write(ref _scheduler, scheduler);
                await scheduler.Start(stoppingToken);
                return;
            }
            catch (SchedulerException exception)
            {
                SchedulerLog.StartFailed(logger, delay.TotalSeconds, exception);
            }

            await Task.Delay(delay, timeProvider, stoppingToken);
            delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Volatile.Read(ref _scheduler) is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
        }
    }
}
