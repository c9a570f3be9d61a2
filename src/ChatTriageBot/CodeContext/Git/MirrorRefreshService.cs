using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Runs <see cref="MirrorRefreshJob"/> in this process every <c>CodeContext__FetchIntervalMinutes</c> (0 turns it off),
/// first <see cref="FirstDelay"/> after start. Every replica keeps its own mirrors and indexes under its own
/// <c>Data__Directory</c>, so this is each process's own timer, not a job of the scheduler the replicas share (which
/// fires a job on one replica only). A round that fails is logged and the next one runs on time.
/// </summary>
internal sealed partial class MirrorRefreshService(
    MirrorRefreshJob job,
    IOptions<CodeContextOptions> options,
    TimeProvider timeProvider,
    ILogger<MirrorRefreshService> logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>The time between rounds; null when the refresh is off.</summary>
    public TimeSpan? Interval { get; } = options.Value.FetchIntervalMinutes > 0 ? TimeSpan.FromMinutes(options.Value.FetchIntervalMinutes) : null;

    /// <summary>When the first round runs (set as the service starts); null when the refresh is off.</summary>
    public DateTimeOffset? FirstRunAt { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        FirstRunAt = Interval is null ? null : timeProvider.GetUtcNow() + FirstDelay;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval is not { } interval)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstDelay, timeProvider, stoppingToken);
            using var timer = new PeriodicTimer(interval, timeProvider);
            do
            {
                try
                {
                    await job.RefreshAllAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.RoundFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "The background refresh of the mirrors failed; the next round runs on time")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
