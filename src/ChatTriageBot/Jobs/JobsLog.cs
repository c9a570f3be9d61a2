namespace ChatTriageBot.Jobs;

internal static partial class JobsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Job {JobId} ({Kind}) started, attempt {Attempt}")]
    public static partial void Started(ILogger logger, long jobId, string kind, int attempt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) succeeded in {ElapsedMs:0} ms")]
    public static partial void Succeeded(ILogger logger, long jobId, string kind, double elapsedMs);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts}; it will be retried")]
    public static partial void WillRetry(ILogger logger, long jobId, string kind, int attempt, int maxAttempts, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) failed for good on attempt {Attempt}")]
    public static partial void GaveUp(ILogger logger, long jobId, string kind, int attempt, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) given back for another worker: this process is stopping")]
    public static partial void Released(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) lost its lease and was abandoned; another worker owns it now")]
    public static partial void LeaseLost(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed; retrying at the next beat")]
    public static partial void RenewFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "The job loop could not reach storage; retrying after the poll interval")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
