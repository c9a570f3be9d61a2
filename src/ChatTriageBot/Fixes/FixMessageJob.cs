namespace ChatTriageBot.Fixes;

/// <summary>The payload of a <see cref="FixMessageJobHandler.Kind"/> job: draw this fix's thread message again from what is stored.</summary>
internal sealed record FixMessageJob(long FixId);
