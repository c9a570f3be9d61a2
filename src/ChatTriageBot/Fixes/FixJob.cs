namespace ChatTriageBot.Fixes;

/// <summary>The payload of a <see cref="FixJobHandler.Kind"/> job: write a fix for this triage, asked by this person.</summary>
internal sealed record FixJob(long TriageId, string UserId);
