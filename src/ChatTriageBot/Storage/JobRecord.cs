namespace ChatTriageBot.Storage;

/// <summary>One unit of durable work. The table is the truth; an in-memory channel only wakes workers.</summary>
internal sealed class JobRecord
{
    public long Id { get; set; }

    /// <summary>Which handler runs it, e.g. <c>triage.mention</c>. The job system itself does not know the kinds.</summary>
    public required string Kind { get; set; }

    /// <summary>The handler's input as JSON.</summary>
    public required string Payload { get; set; }

    /// <summary>Optional idempotency key: a second enqueue with the same key is a no-op.</summary>
    public string? DedupeKey { get; set; }

    public JobStatus Status { get; set; } = JobStatus.Pending;

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>Not leased before this time (retry backoff, scheduled work).</summary>
    public DateTimeOffset RunAfter { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
