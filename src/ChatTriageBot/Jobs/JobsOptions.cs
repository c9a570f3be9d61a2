using System.ComponentModel.DataAnnotations;

namespace ChatTriageBot.Jobs;

/// <summary>Bound from the <c>Jobs</c> section.</summary>
internal sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// Jobs worked at the same time by this process. 0 makes a replica that only accepts work (answers Slack and
    /// writes job rows) while other replicas sharing the database work the jobs.
    /// </summary>
    [Range(0, 64, ErrorMessage = "Jobs__Workers must be between 0 and 64.")]
    public int Workers { get; set; } = 2;

    /// <summary>How long a lease lasts without a heartbeat; after a crash, the job is picked up again this much later.</summary>
    [Range(2, 3600, ErrorMessage = "Jobs__LeaseSeconds must be between 2 and 3600.")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often idle workers look at the table when nothing woke them.</summary>
    [Range(1, 600, ErrorMessage = "Jobs__PollSeconds must be between 1 and 600.")]
    public int PollSeconds { get; set; } = 5;

    [Range(1, 100, ErrorMessage = "Jobs__MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with each attempt, capped at ten minutes.</summary>
    [Range(1, 3600, ErrorMessage = "Jobs__RetryBaseSeconds must be between 1 and 3600.")]
    public int RetryBaseSeconds { get; set; } = 10;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);
}
