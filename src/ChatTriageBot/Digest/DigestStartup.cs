namespace ChatTriageBot.Digest;

/// <summary>
/// At start-up (after the database is migrated), queues a digest that fell due while the bot was down. A database that
/// does not answer is tried again a few times, then left to the next time the schedule fires; it never stops the bot.
/// </summary>
internal sealed partial class DigestStartup(DigestScheduler scheduler, TimeProvider timeProvider, ILogger<DigestStartup> logger) : BackgroundService
{
    private const int Attempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                await scheduler.EnsureDueAsync(atStartup: true, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.Failed(logger, attempt, Attempts, exception);
            }

            if (attempt == Attempts)
            {
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5 * attempt), timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Checking for a digest due while the bot was down failed (attempt {Attempt} of {Attempts})")]
        public static partial void Failed(ILogger logger, int attempt, int attempts, Exception exception);
    }
}
