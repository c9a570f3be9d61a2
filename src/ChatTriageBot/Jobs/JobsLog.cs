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
    public static partial void GaveUp(ILogger logger, long jobId, string kind, int attempt, Exception? exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) given back for another worker: this process is stopping")]
    public static partial void Released(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) lost its lease and was abandoned; another worker owns it now")]
    public static partial void LeaseLost(ILogger logger, long jobId, string kind);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed; retrying at the next beat")]
    public static partial void RenewFailed(ILogger logger, long jobId, Exception exception);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "The job loop could not reach storage; retrying after the poll interval")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) resumed on attempt {Attempt}: the process working on it died or stopped")]
    public static partial void Resumed(ILogger logger, long jobId, string kind, int attempt);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Took back {Count} job(s) that instance {InstanceId}'s previous run was working on when it died")]
    public static partial void Reclaimed(ILogger logger, int count, string instanceId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The kept instance id is in use by another process or cannot be written ({Reason}); running under a fresh id that takes back no earlier leases")]
    public static partial void InstanceIdShared(ILogger logger, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Stopping: no new jobs are taken; running jobs have {Seconds} s to finish")]
    public static partial void Draining(ILogger logger, double seconds);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning, Message = "The shutdown grace period is over; jobs still running are given back for the next process")]
    public static partial void GraceOver(ILogger logger);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed for good, and telling its users so failed too")]
    public static partial void GiveUpFailed(ILogger logger, long jobId, string kind, Exception exception);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Debug, Message = "Reading the job queue's depth failed ({Error}); the gauges keep their last reading")]
    public static partial void SampleFailed(ILogger logger, string error);
}
