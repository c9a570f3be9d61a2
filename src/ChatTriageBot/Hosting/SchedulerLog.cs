namespace ChatTriageBot.Hosting;

internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "The scheduler could not start; trying again in {DelaySeconds} s")]
    public static partial void StartFailed(ILogger logger, double delaySeconds, Exception exception);
}
