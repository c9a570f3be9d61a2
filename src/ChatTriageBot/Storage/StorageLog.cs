namespace ChatTriageBot.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Storage is at the current schema")]
    public static partial void Migrated(ILogger logger);
}
