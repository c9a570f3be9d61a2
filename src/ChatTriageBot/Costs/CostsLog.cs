namespace ChatTriageBot.Costs;

internal static partial class CostsLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Model call {ResponseId} recorded: {Operation} for triage {TriageId}, {InputTokens} in / {OutputTokens} out, {CostMicros} micro-USD")]
    public static partial void Recorded(ILogger logger, string responseId, string operation, long? triageId, long inputTokens, long outputTokens, long costMicros);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Debug, Message = "Model call {ResponseId} was already recorded")]
    public static partial void AlreadyRecorded(ILogger logger, string responseId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Model call {ResponseId} ({Operation} for triage {TriageId}, {CostMicros} micro-USD) could not be recorded in the usage ledger")]
    public static partial void RecordFailed(ILogger logger, string responseId, string operation, long? triageId, long costMicros, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "The cost report failed")]
    public static partial void ReportFailed(ILogger logger, Exception exception);
}
