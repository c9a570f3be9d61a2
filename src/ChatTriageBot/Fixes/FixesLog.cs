namespace ChatTriageBot.Fixes;

/// <summary>
/// The fixes feature's log messages. Ids, counts, model names and our own reasons only: the diagnosis, the code, the
/// patch and the model's edits are not logged above Debug.
/// </summary>
internal static partial class FixesLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Fix for triage {TriageId} started (asked by {UserId}, attempt {Attempt})")]
    public static partial void Started(ILogger logger, long triageId, string userId, int attempt);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Fix for triage {TriageId}: asking {Model} about {Files} file(s), about {InputTokens} input tokens")]
    public static partial void AskingModel(ILogger logger, long triageId, string model, int files, int inputTokens);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Fix for triage {TriageId}: patch produced, {Changed} file(s) changed, {Rejected} edit(s) left out; {InputTokens} in / {OutputTokens} out")]
    public static partial void PatchProduced(ILogger logger, long triageId, int changed, int rejected, long inputTokens, long outputTokens);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Fix for triage {TriageId}: no patch, no proposed edit applied ({Rejected} refused); {InputTokens} in / {OutputTokens} out")]
    public static partial void PatchRefused(ILogger logger, long triageId, int rejected, long inputTokens, long outputTokens);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Debug, Message = "Fix for triage {TriageId}: edit left out: {Reason}")]
    public static partial void EditLeftOut(ILogger logger, long triageId, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Fix for triage {TriageId}: the model failed on attempt {Attempt}; the job will be retried")]
    public static partial void ModelFailedWillRetry(ILogger logger, long triageId, int attempt);

    /// <summary><paramref name="reason"/> is one of our own phrases; the exception, when there is one, says what went wrong.</summary>
    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Fix for triage {TriageId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, long triageId, string reason, Exception? exception);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Generate fix on triage {TriageId} refused: {UserId} is not listed in Access__GenerateFix")]
    public static partial void ClickRefused(ILogger logger, long triageId, string userId);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Debug, Message = "Generate fix on triage {TriageId} clicked again by {UserId}; the fix was already asked for")]
    public static partial void AlreadyAsked(ILogger logger, long triageId, string userId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "A check command ({Chars} chars) did not finish within {Seconds} s; its process group was killed")]
    public static partial void CheckTimedOut(ILogger logger, int chars, double seconds);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Draft pull request {Repository}#{Number} opened for fix {FixId} on branch {Branch}")]
    public static partial void PullRequestOpened(ILogger logger, string repository, int number, long fixId, string branch);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "Open PR for fix {FixId} refused: {Reason}")]
    public static partial void PullRequestRefused(ILogger logger, long fixId, string reason);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning, Message = "Reviewers could not be requested on {Repository}#{Number}: {Reason}")]
    public static partial void ReviewersNotRequested(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Warning, Message = "Labels could not be added to {Repository}#{Number}: {Reason}")]
    public static partial void LabelsNotAdded(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 6015, Level = LogLevel.Information, Message = "Pull request {Repository}#{Number} of fix {FixId} was {Outcome} (seen by the {Source})")]
    public static partial void OutcomeRecorded(ILogger logger, string repository, int number, long fixId, string outcome, string source);

    [LoggerMessage(EventId = 6016, Level = LogLevel.Warning, Message = "Looking at pull request {Repository}#{Number} failed: {Reason}")]
    public static partial void PollFailed(ILogger logger, string repository, int number, string reason);

    [LoggerMessage(EventId = 6017, Level = LogLevel.Warning, Message = "Refused a GitHub webhook delivery {Delivery}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string? delivery, string reason);

    [LoggerMessage(EventId = 6018, Level = LogLevel.Warning, Message = "Could not tell {UserId} why Open PR was refused")]
    public static partial void RefusalNotDelivered(ILogger logger, string userId, Exception exception);

    [LoggerMessage(EventId = 6019, Level = LogLevel.Warning, Message = "GitHub failed during Open PR on {Repository} (attempt {Attempt})")]
    public static partial void GitHubFailed(ILogger logger, string repository, int attempt, Exception exception);
}
