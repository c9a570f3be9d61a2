namespace ChatTriageBot.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; waiting {Seconds:0.#} s before retry {Retry}")]
    public static partial void RateLimited(ILogger logger, string method, double seconds, int retry);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Slack warned about {Method}: {Warning}")]
    public static partial void ApiWarning(ILogger logger, string method, string warning);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Connected to Slack as bot user {UserId} (bot {BotId}) in team {TeamId}")]
    public static partial void Identified(ILogger logger, string userId, string botId, string teamId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Critical, Message = "Slack refused the bot token ({Error}): check Slack__BotToken")]
    public static partial void TokenRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "auth.test failed; retrying in {Seconds} s: {Reason}")]
    public static partial void IdentityRetry(ILogger logger, double seconds, string reason);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "Refused a Slack request on {Path}: {Reason}")]
    public static partial void SignatureRefused(ILogger logger, string path, SignatureCheck reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "Event {EventId} ({Type}) ignored: {Reason}")]
    public static partial void EventIgnored(ILogger logger, string? eventId, string type, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Event {EventId} is a duplicate delivery (retry {RetryNum}); acknowledged without work")]
    public static partial void EventDuplicate(ILogger logger, string? eventId, int retryNum);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Error, Message = "Handling event {EventId} ({Type}) failed; Slack will retry it")]
    public static partial void EventFailed(ILogger logger, string? eventId, string type, Exception exception);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "No handler for action {ActionId}; ignored")]
    public static partial void ActionIgnored(ILogger logger, string actionId);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error, Message = "Handling action {ActionId} failed")]
    public static partial void ActionFailed(ILogger logger, string actionId, Exception exception);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Error, Message = "Handling command {Command} failed")]
    public static partial void CommandFailed(ILogger logger, string command, Exception exception);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Slack rate-limits this app's events: {Detail}")]
    public static partial void AppRateLimited(ILogger logger, string detail);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information, Message = "Refused a malformed Slack request on {Path}: {Reason}")]
    public static partial void Malformed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Warning, Message = "Could not read the members of user group {Group}: {Error}")]
    public static partial void GroupLookupFailed(ILogger logger, string group, string error);
}
