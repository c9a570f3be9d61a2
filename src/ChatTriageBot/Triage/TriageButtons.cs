namespace ChatTriageBot.Triage;

/// <summary>
/// Which buttons go under a triage's answer. <see cref="GenerateFixAction"/> is null when nobody may generate fixes
/// (an empty <c>Access__GenerateFix</c>), so the button is not offered at all.
/// </summary>
internal sealed record TriageButtons(long TriageId, string? GenerateFixAction, double FixabilityThreshold);
