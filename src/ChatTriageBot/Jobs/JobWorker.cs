using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

/// <summary>
/// Works the job table: <see cref="JobsOptions.Workers"/> loops each lease a due job, run its handler in a fresh DI
/// scope while renewing the lease, and record the outcome. Handlers are found by kind among the registered
/// <see cref="IJobHandler"/>s.
/// </summary>
internal sealed class JobWorker(
    JobQueue queue,
    JobSignal signal,
    IServiceScopeFactory scopes,
    IDbContextFactory<TriageDbContext> databases,
    TimeProvider timeProvider,
    IOptions<JobsOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    /// <summary>Identifies this process's leases in the table.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Value.Workers).Select(_ => RunLoopAsync(stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            LeasedJob? job = null;
            try
            {
                job = await queue.TryLeaseAsync(Owner, stoppingToken);
                if (job is null)
                {
                    await signal.WaitAsync(options.Value.Poll, timeProvider, stoppingToken);
                    continue;
                }

                await RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The table could not be reached: wait a poll and try again rather than end the loop.
                JobsLog.LoopFailed(logger, exception);
                try
                {
                    await Task.Delay(options.Value.Poll, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RunAsync(LeasedJob job, CancellationToken stoppingToken)
    {
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(job.Id, leaseLost, heartbeatStop.Token);
        JobsLog.Started(logger, job.Id, job.Kind, job.Attempt);
        var started = timeProvider.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind)
                ?? throw new PermanentJobException($"no handler is registered for job kind '{job.Kind}'");
            var context = new JobContext(job.Id, job.Kind, job.Payload, job.Attempt, databases, timeProvider);
            await handler.HandleAsync(context, leaseLost.Token);
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            await queue.CompleteAsync(job.Id, Owner, CancellationToken.None);
            JobsMetrics.Finished.WithLabels(job.Kind, "succeeded").Inc();
            JobsMetrics.Duration.WithLabels(job.Kind).Observe(timeProvider.GetElapsedTime(started).TotalSeconds);
            JobsLog.Succeeded(logger, job.Id, job.Kind, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            await queue.ReleaseAsync(job.Id, Owner, CancellationToken.None);
            JobsMetrics.Finished.WithLabels(job.Kind, "released").Inc();
            JobsLog.Released(logger, job.Id, job.Kind);
            throw;
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            JobsMetrics.Finished.WithLabels(job.Kind, "lease_lost").Inc();
            JobsLog.LeaseLost(logger, job.Id, job.Kind);
        }
        catch (Exception exception)
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            var permanent = exception is PermanentJobException;
            var retrying = await queue.FailAsync(job, Owner, $"{exception.GetType().Name}: {exception.Message}", permanent, CancellationToken.None);
            JobsMetrics.Finished.WithLabels(job.Kind, retrying ? "retry" : "failed").Inc();
            if (retrying)
            {
                JobsLog.WillRetry(logger, job.Id, job.Kind, job.Attempt, job.MaxAttempts, exception);
            }
            else
            {
                JobsLog.GaveUp(logger, job.Id, job.Kind, job.Attempt, exception);
            }
        }
    }

    private async Task KeepLeaseAsync(long jobId, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var interval = options.Value.Lease / 3;
        try
        {
            while (true)
            {
                await Task.Delay(interval, timeProvider, stop);
                if (!await queue.RenewAsync(jobId, Owner, stop))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job finished.
        }
        catch (Exception exception)
        {
            // A renewal that fails (storage hiccup) is retried at the next beat; the lease is long enough for two misses.
            JobsLog.RenewFailed(logger, jobId, exception);
            await KeepLeaseAsync(jobId, leaseLost, stop);
        }
    }

    private static async Task StopHeartbeatAsync(Task heartbeat, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        await heartbeat;
    }
}
