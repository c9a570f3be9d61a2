namespace ChatTriageBot.Jobs;

/// <summary>A job this process holds the lease on.</summary>
internal sealed record LeasedJob(long Id, string Kind, string Payload, int Attempt, int MaxAttempts);
