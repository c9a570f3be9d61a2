namespace ChatTriageBot.Triage;

/// <summary>
/// Whether a model call may go ahead: <see cref="Refused"/> (a cap would be exceeded: the polite answer for the thread),
/// <see cref="NeedsApproval"/> (the warning share of a cap would be passed: the question for the approve button), or
/// neither. <see cref="Estimate"/> describes the expected cost for the progress message.
/// </summary>
internal sealed record SpendDecision(string? Estimate, string? Refused = null, string? NeedsApproval = null);
