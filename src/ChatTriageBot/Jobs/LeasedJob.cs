namespace ChatTriageBot.Jobs;

/// <summary>
/// A job this process holds the lease on. <see cref="Resumed"/>: an earlier attempt started and never finished (its
/// process died, or stopped and gave it back), so the handler carries on where that one left off.
/// <see cref="Exhausted"/>: that was its last attempt; it is failed, not run again.
/// </summary>
internal sealed record LeasedJob(long Id, string Kind, string Payload, int Attempt, int MaxAttempts)
{
    public bool Resumed { get; init; }

    public bool Exhausted { get; init; }
}
