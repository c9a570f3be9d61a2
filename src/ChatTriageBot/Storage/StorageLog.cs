namespace ChatTriageBot.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Storage is at the current schema")]
    public static partial void Migrated(ILogger logger);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The background checkpoint of the SQLite log failed ({Reason}); the commits' own checkpoint still bounds it")]
    public static partial void CheckpointFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Another replica is migrating the database; waiting for it to finish")]
    public static partial void WaitingForMigration(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "The database cannot be reached or migrated; not ready, trying again in the background")]
    public static partial void MigrationFailed(ILogger logger, Exception exception);
}
