namespace ChatTriageBot.Costs;

/// <summary>One model call's outcome: <see cref="Error"/> is null when the model answered.</summary>
internal sealed record ModelCallOutcome(string Model, DateTimeOffset At, string? Error);
