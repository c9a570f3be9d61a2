namespace ChatTriageBot.Triage;

internal static partial class TriageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Pinned commit {Commit}")]
    public static partial void Pinned(ILogger logger, string commit);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Dropped {Count} citation(s) that do not exist at the pinned commit")]
    public static partial void DroppedCitations(ILogger logger, int count);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Triage {TriageId}: the model failed on attempt {Attempt}; the job will be retried")]
    public static partial void ModelFailedWillRetry(ILogger logger, long triageId, int attempt, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Triage {TriageId}: the model failed on attempt {Attempt}; the thread was told and offered Try again")]
    public static partial void ModelGaveUp(ILogger logger, long triageId, int attempt, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Triage {TriageId}: the message that asked, or its thread, is not there; answered once, not retried")]
    public static partial void MessageGone(ILogger logger, long triageId);
}
