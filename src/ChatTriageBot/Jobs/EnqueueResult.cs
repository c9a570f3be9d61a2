namespace ChatTriageBot.Jobs;

/// <summary>The job's id, and whether this call created it (false: an earlier enqueue with the same key did).</summary>
internal sealed record EnqueueResult(long JobId, bool Created);
