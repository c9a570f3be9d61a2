namespace ChatTriageBot.Triage;

/// <summary>The payload of a <see cref="TriageJobHandler.Kind"/> job: the triage row holds the rest.</summary>
public sealed record TriageJob(long TriageId);
