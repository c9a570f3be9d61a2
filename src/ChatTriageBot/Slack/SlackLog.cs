namespace ChatTriageBot.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; waiting {Seconds:0.#} s before retry {Retry}")]
    public static partial void RateLimited(ILogger logger, string method, double seconds, int retry);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Slack warned about {Method}: {Warning}")]
    public static partial void ApiWarning(ILogger logger, string method, string warning);
}
