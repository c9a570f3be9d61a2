namespace ChatTriageBot.Fixes;

/// <summary>The fixes feature's log messages. Patches, prompts, tokens and Slack text are never logged above Debug.</summary>
internal static partial class FixesLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "A check command ({Chars} chars) did not finish within {Seconds} s; its process group was killed")]
    public static partial void CheckTimedOut(ILogger logger, int chars, double seconds);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Draft pull request {Repository}#{Number} opened for fix {FixId} on branch {Branch}")]
    public static partial void PullRequestOpened(ILogger logger, string repository, int number, long fixId, string branch);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Open PR for fix {FixId} refused: {Reason}")]
    public static partial void PullRequestRefused(ILogger logger, long fixId, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Reviewers could not be requested on {Repository}#{Number}: {Reason}")]
    public static partial void ReviewersNotRequested(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Labels could not be added to {Repository}#{Number}: {Reason}")]
    public static partial void LabelsNotAdded(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Pull request {Repository}#{Number} of fix {FixId} was {Outcome} (seen by the {Source})")]
    public static partial void OutcomeRecorded(ILogger logger, string repository, int number, long fixId, string outcome, string source);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning, Message = "Looking at pull request {Repository}#{Number} failed: {Reason}")]
    public static partial void PollFailed(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Refused a GitHub webhook delivery {Delivery}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string? delivery, string reason);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "Could not tell {UserId} why Open PR was refused")]
    public static partial void RefusalNotDelivered(ILogger logger, string userId, Exception exception);
}
