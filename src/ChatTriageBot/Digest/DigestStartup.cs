namespace ChatTriageBot.Digest;

/// <summary>At start-up (after the database is migrated), queues a digest that fell due while the bot was down.</summary>
internal sealed partial class DigestStartup(DigestScheduler scheduler, TimeProvider timeProvider, ILogger<DigestStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await scheduler.EnsureDueAsync(atStartup: true, stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && attempt < 5)
            {
                Log.Retrying(logger, attempt, exception);
                await Task.Delay(TimeSpan.FromSeconds(5 * attempt), timeProvider, stoppingToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Checking for a digest due while the bot was down failed (attempt {Attempt}); trying again")]
        public static partial void Retrying(ILogger logger, int attempt, Exception exception);
    }
}
