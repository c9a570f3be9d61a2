namespace ChatTriageBot.Storage;

/// <summary>
/// A side effect a job has already performed (for example "posted the thread message, ts=…"), so that a job
/// re-run after a crash does not perform it twice.
/// </summary>
internal sealed class JobStepRecord
{
    public long JobId { get; set; }

    public required string Step { get; set; }

    public required string Result { get; set; }

    public DateTimeOffset CompletedAt { get; set; }
}
