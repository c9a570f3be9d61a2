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

    /// <summary>
    /// How long a lease lasts without a renewal. A worker renews it every third of this while it works, so a job whose
    /// process died is taken by another worker this long after the last renewal at most; a process that restarts takes
    /// back its own previous run's leases at once, without waiting for them to run out.
    /// </summary>
    [Range(2, 3600, ErrorMessage = "Jobs__LeaseSeconds must be between 2 and 3600.")]
    public int LeaseSeconds { get; set; } = 12;

    /// <summary>How often idle workers look at the table when nothing woke them (they also wake when a known lease or retry falls due).</summary>
    [Range(1, 600, ErrorMessage = "Jobs__PollSeconds must be between 1 and 600.")]
    public int PollSeconds { get; set; } = 5;

    [Range(1, 100, ErrorMessage = "Jobs__MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubles with each attempt, capped at ten minutes.</summary>
    [Range(1, 3600, ErrorMessage = "Jobs__RetryBaseSeconds must be between 1 and 3600.")]
    public int RetryBaseSeconds { get; set; } = 10;

    /// <summary>
    /// On SIGTERM, jobs already running get this long to finish; those still running then are given back (their lease
    /// ends at once, the attempt is not counted) for the next process. Keep it under the container's termination grace
    /// period (Kubernetes' <c>terminationGracePeriodSeconds</c>, 30 by default).
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Jobs__ShutdownGraceSeconds must be between 0 and 3600.")]
    public int ShutdownGraceSeconds { get; set; } = 20;

    /// <summary>
    /// This process's name in lease owners, kept across restarts so a restarted process knows which leases were its own.
    /// Unset: a name kept in <c>Data__Directory/instance-id</c>. Two processes running at once must not share one.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Jobs__InstanceId must be 1 to 64 letters, digits, dots, dashes or underscores.")]
    public string? InstanceId { get; set; }

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>A third of the lease: two renewals may fail (a storage hiccup) before the lease runs out.</summary>
    public TimeSpan Renewal => TimeSpan.FromSeconds(LeaseSeconds / 3.0);

    public TimeSpan Poll => TimeSpan.FromSeconds(PollSeconds);

    public TimeSpan ShutdownGrace => TimeSpan.FromSeconds(ShutdownGraceSeconds);
}
