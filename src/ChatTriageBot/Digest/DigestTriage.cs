namespace ChatTriageBot.Digest;

/// <summary>One triage the digest links to: where its thread is, what it cost this week, and how long it took to answer.</summary>
internal sealed record DigestTriage(long TriageId, string? Channel, string? ThreadTs, string? Repository, long CostMicros, long? AnswerMs);
