using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>
/// The buttons under a triage's answer: <see cref="Contributed"/> come from other features
/// (<see cref="IButtonContributor{TSubject}"/> of <see cref="TriageAnswer"/>) and go first; the triage's own (feedback,
/// "What was sent", "Customer reply") carry <see cref="TriageId"/> as their value.
/// </summary>
internal sealed record TriageButtons(long TriageId, IReadOnlyList<ButtonElement> Contributed);
