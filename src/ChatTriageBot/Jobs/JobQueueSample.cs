namespace ChatTriageBot.Jobs;

/// <summary>One reading of the job table for the queue gauges.</summary>
internal sealed record JobQueueSample(IReadOnlyList<JobQueueSample.Group> Queued, TimeSpan OldestPendingAge)
{
    public static readonly JobQueueSample Empty = new([], TimeSpan.Zero);

    /// <summary>How many jobs of a kind are in a status.</summary>
    internal sealed record Group(string Kind, string Status, long Count);
}
