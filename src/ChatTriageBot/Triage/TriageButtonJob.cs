namespace ChatTriageBot.Triage;

/// <summary>The payload of a <see cref="TriageButtonJobHandler.Kind"/> job: a click to be answered only to the clicker.</summary>
internal sealed record TriageButtonJob(string Action, long TriageId, string UserId);
