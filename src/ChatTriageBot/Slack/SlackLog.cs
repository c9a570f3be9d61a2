namespace ChatTriageBot.Slack;

internal static partial class SlackLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Slack rate-limited {Method}; waiting {Seconds:0.#} s before retry {Retry}")]
    public static partial void RateLimited(ILogger logger, string method, double seconds, int retry);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Debug, Message = "Slack {Method}: {Result} in {ElapsedMs:0} ms")]
    public static partial void ApiCall(ILogger logger, string method, string result, double elapsedMs);

    [LoggerMessage(EventId = 3025, Level = LogLevel.Warning, Message = "Slack {Method} failed ({Error}); trying again (attempt {Attempt})")]
    public static partial void TransientRetry(ILogger logger, string method, string error, int attempt);

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

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "A reply to {UserId} after a click was dropped: too many replies are waiting")]
    public static partial void FollowUpDropped(ILogger logger, string userId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "A reply to {UserId} after a click could not be sent")]
    public static partial void FollowUpFailed(ILogger logger, string userId, Exception exception);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "A modal for {UserId} could not be opened ({Error}); telling them instead")]
    public static partial void ViewNotOpened(ILogger logger, string userId, string error);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Warning, Message = "Answering through a response URL failed after {Attempts} attempt(s): {Reason}")]
    public static partial void ResponseUrlFailed(ILogger logger, int attempts, string reason);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} is open ({Count} open for this app)")]
    public static partial void SocketConnected(ILogger logger, int connection, int count);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Slack asked to replace Socket Mode connection {Connection} ({Reason}); opening the new one first")]
    public static partial void SocketRefresh(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Critical, Message = "Slack disabled Socket Mode for this app (link_disabled on connection {Connection}); not reconnecting. Turn Socket Mode back on in the app settings and restart, or set Slack__Mode=Http")]
    public static partial void SocketLinkDisabled(ILogger logger, int connection);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Slack says this app has too many Socket Mode connections; closing connection {Connection}")]
    public static partial void SocketTooMany(ILogger logger, int connection);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} was lost ({Reason}); reconnecting")]
    public static partial void SocketLost(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "Socket Mode connection {Connection} was silent for {Seconds} s; replacing it")]
    public static partial void SocketSilent(ILogger logger, int connection, double seconds);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Opening a Socket Mode connection failed (attempt {Attempt}): {Reason}")]
    public static partial void SocketOpenFailed(ILogger logger, int attempt, string reason);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Critical, Message = "Slack refused the app-level token ({Error}): check Slack__AppToken (an xapp- token with connections:write); not reconnecting")]
    public static partial void SocketTokenRefused(ILogger logger, string error);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Reconnecting to Socket Mode in {Seconds:0.##} s")]
    public static partial void SocketBackoff(ILogger logger, double seconds);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Warning, Message = "Could not acknowledge envelope {EnvelopeId} on connection {Connection}: {Reason}")]
    public static partial void SocketAckFailed(ILogger logger, string envelopeId, int connection, string reason);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Ignored an unreadable Socket Mode frame on connection {Connection}: {Reason}")]
    public static partial void SocketMalformed(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Debug, Message = "Acknowledged envelope {EnvelopeId} of unhandled type {Type}")]
    public static partial void SocketUnknownEnvelope(ILogger logger, string envelopeId, string type);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Event {EventId} could not be handled (attempt {Attempt}); it was already acknowledged, so retrying here in {Seconds} s")]
    public static partial void SocketEventRetry(ILogger logger, string? eventId, int attempt, double seconds);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Error, Message = "Event {EventId} could not be handled after {Attempts} attempts and is dropped")]
    public static partial void SocketEventDropped(ILogger logger, string? eventId, int attempts);

    [LoggerMessage(EventId = 3114, Level = LogLevel.Warning, Message = "Handling {Type} envelope {EnvelopeId} took longer than the ack deadline; acknowledged without a response payload")]
    public static partial void SocketSlowInteraction(ILogger logger, string type, string envelopeId);

    [LoggerMessage(EventId = 3115, Level = LogLevel.Error, Message = "Handling {Type} envelope {EnvelopeId} failed")]
    public static partial void SocketEnvelopeFailed(ILogger logger, string type, string envelopeId, Exception exception);

    [LoggerMessage(EventId = 3116, Level = LogLevel.Warning, Message = "Socket Mode shut down with {Count} envelope(s) still being handled; they were cancelled")]
    public static partial void SocketDrainTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 3117, Level = LogLevel.Information, Message = "Socket Mode connection {Connection} closed")]
    public static partial void SocketClosed(ILogger logger, int connection);
}
