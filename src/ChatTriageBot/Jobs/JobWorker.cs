using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Jobs;

/// <summary>
/// Works the job table: <see cref="JobsOptions.Workers"/> loops each lease a due job, run its handler in a fresh DI
/// scope while renewing the lease, and record the outcome. Handlers are found by kind among the registered
/// <see cref="IJobHandler"/>s. At start it takes back at once the leases its instance's previous run died with; idle
/// loops wake when a job is queued in this process, when the next known lease or retry falls due, or at the poll.
/// On stop (SIGTERM) no new job is taken, running jobs get <see cref="JobsOptions.ShutdownGraceSeconds"/> to finish,
/// and those still running are given back.
/// </summary>
internal sealed class JobWorker(
    JobQueue queue,
    JobSignal signal,
    WorkerIdentity identity,
    JobsMetrics metrics,
    StorageMigrator storage,
    IServiceScopeFactory scopes,
    IDbContextFactory<TriageDbContext> databases,
    TimeProvider timeProvider,
    IOptions<JobsOptions> options,
    ILogger<JobWorker> logger) : BackgroundService
{
    // Never disposed: they hold no timer, and the host may stop a service again after disposing it.
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Identifies this process's leases in the table.</summary>
    public string Owner => identity.Owner;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new jobs; running ones get the grace period, then are cancelled and given back.
        await _draining.CancelAsync();
        if (ExecuteTask is { } running)
        {
            var grace = options.Value.ShutdownGrace;
            JobsLog.Draining(logger, grace.TotalSeconds);
            try
            {
                await running.WaitAsync(grace, timeProvider, cancellationToken);
            }
            catch (TimeoutException)
            {
                JobsLog.GraceOver(logger);
            }
            catch (OperationCanceledException)
            {
                // The host's own shutdown timeout ended first.
            }
        }

        await _abort.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _abort.Token);
        using var draining = CancellationTokenSource.CreateLinkedTokenSource(abort.Token, _draining.Token);
        if (options.Value.Workers == 0)
        {
            return;
        }

        try
        {
            await storage.WaitAsync(draining.Token);
            await ReclaimAsync(draining.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var loops = Enumerable.Range(0, options.Value.Workers).Select(_ => RunLoopAsync(draining.Token, abort.Token));
        await Task.WhenAll(loops);
    }

    /// <summary>Ends the leases this instance's previous run died with (kept trying while storage is down).</summary>
    private async Task ReclaimAsync(CancellationToken stoppingToken)
    {
        if (!identity.Owns)
        {
            return;
        }

        while (true)
        {
            try
            {
                var reclaimed = await queue.ReclaimAsync(identity.InstancePrefix, identity.Owner, stoppingToken);
                if (reclaimed > 0)
                {
                    metrics.Reclaimed(reclaimed);
                    JobsLog.Reclaimed(logger, reclaimed, identity.InstanceId);
                }

                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                JobsLog.LoopFailed(logger, exception);
                await Task.Delay(options.Value.Poll, timeProvider, stoppingToken);
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken draining, CancellationToken abort)
    {
        await Task.Yield();
        while (!draining.IsCancellationRequested)
        {
            try
            {
                var job = await queue.TryLeaseAsync(Owner, draining);
                if (job is null)
                {
                    await signal.WaitAsync(await IdleForAsync(draining), timeProvider, draining);
                    continue;
                }

                await RunAsync(job, abort);
            }
            catch (OperationCanceledException) when (draining.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The table could not be reached: wait a poll and try again rather than end the loop.
                JobsLog.LoopFailed(logger, exception);
                try
                {
                    await Task.Delay(options.Value.Poll, timeProvider, draining);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Until the next known job falls due (a retry, or a lease running out), at most the poll interval.</summary>
    private async Task<TimeSpan> IdleForAsync(CancellationToken cancellationToken)
    {
        var poll = options.Value.Poll;
        if (await queue.NextDueAsync(cancellationToken) is not { } due)
        {
            return poll;
        }

        var wait = due - timeProvider.GetUtcNow() + TimeSpan.FromMilliseconds(20);
        return wait < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait < poll ? wait : poll;
    }

    private async Task RunAsync(LeasedJob job, CancellationToken abort)
    {
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = KeepLeaseAsync(job.Id, leaseLost, heartbeatStop.Token);
        if (job.Resumed)
        {
            metrics.Resumed(job.Kind);
            JobsLog.Resumed(logger, job.Id, job.Kind, job.Attempt);
        }
        else
        {
            JobsLog.Started(logger, job.Id, job.Kind, job.Attempt);
        }

        var started = timeProvider.GetTimestamp();
        var context = new JobContext(job.Id, job.Kind, job.Payload, job.Attempt, databases, timeProvider) { Resumed = job.Resumed };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind)
                ?? throw new PermanentJobException($"no handler is registered for job kind '{job.Kind}'");
            if (job.Exhausted)
            {
                await StopHeartbeatAsync(heartbeat, heartbeatStop);
                await GiveUpAsync(handler, context, null, leaseLost.Token);
                await queue.FailAsync(job, Owner, $"gave up after {job.Attempt} attempts; the last one never finished", permanent: true, CancellationToken.None);
                metrics.Finished(job.Kind, "failed");
                JobsLog.GaveUp(logger, job.Id, job.Kind, job.Attempt, null);
                return;
            }

            try
            {
                await handler.HandleAsync(context, leaseLost.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !leaseLost.IsCancellationRequested)
            {
                await StopHeartbeatAsync(heartbeat, heartbeatStop);
                var permanent = exception is PermanentJobException;
                var retrying = await queue.FailAsync(job, Owner, $"{exception.GetType().Name}: {exception.Message}", permanent, CancellationToken.None);
                metrics.Finished(job.Kind, retrying ? "retry" : "failed", timeProvider.GetElapsedTime(started));
                if (retrying)
                {
                    JobsLog.WillRetry(logger, job.Id, job.Kind, job.Attempt, job.MaxAttempts, exception);
                }
                else
                {
                    JobsLog.GaveUp(logger, job.Id, job.Kind, job.Attempt, exception);
                    await GiveUpAsync(handler, context, exception, abort);
                }

                return;
            }

            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            await queue.CompleteAsync(job.Id, Owner, CancellationToken.None);
            metrics.Finished(job.Kind, "succeeded", timeProvider.GetElapsedTime(started));
            JobsLog.Succeeded(logger, job.Id, job.Kind, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            await queue.ReleaseAsync(job.Id, Owner, CancellationToken.None);
            metrics.Finished(job.Kind, "released");
            JobsLog.Released(logger, job.Id, job.Kind);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            metrics.Finished(job.Kind, "lease_lost");
            JobsLog.LeaseLost(logger, job.Id, job.Kind);
        }
        catch (PermanentJobException exception)
        {
            // No handler for the kind.
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
            await queue.FailAsync(job, Owner, exception.Message, permanent: true, CancellationToken.None);
            metrics.Finished(job.Kind, "failed");
            JobsLog.GaveUp(logger, job.Id, job.Kind, job.Attempt, exception);
        }
        finally
        {
            // Stopped on every path (a second stop is harmless), so no heartbeat outlives its job.
            await StopHeartbeatAsync(heartbeat, heartbeatStop);
        }
    }

    private async Task GiveUpAsync(IJobHandler handler, JobContext context, Exception? exception, CancellationToken cancellationToken)
    {
        try
        {
            await handler.GaveUpAsync(context, exception, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            JobsLog.GiveUpFailed(logger, context.JobId, context.Kind, failure);
        }
    }

    private async Task KeepLeaseAsync(long jobId, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var interval = options.Value.Renewal;
        while (true)
        {
            try
            {
                await Task.Delay(interval, timeProvider, stop);
                if (!await queue.RenewAsync(jobId, Owner, stop))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                // The job finished.
                return;
            }
            catch (Exception exception)
            {
                // A renewal that fails (storage hiccup) is retried at the next beat; the lease is long enough for two misses.
                JobsLog.RenewFailed(logger, jobId, exception);
            }
        }
    }

    private static async Task StopHeartbeatAsync(Task heartbeat, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        await heartbeat;
    }
}
