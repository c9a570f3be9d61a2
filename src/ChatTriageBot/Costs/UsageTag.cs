namespace ChatTriageBot.Costs;

/// <summary>Whom and what the model calls made inside a <see cref="UsageScope"/> are for.</summary>
internal sealed record UsageTag(string Operation, long? TriageId, string? UserId, string? Channel, string? Repository);
