namespace ChatTriageBot.Triage;

/// <summary>
/// A triage's answer as it is posted in the thread: what <see cref="IButtonContributor{TSubject}"/>s are shown to decide
/// which buttons they offer under it. <see cref="Report"/> holds no diagnosis when no model was asked.
/// </summary>
internal sealed record TriageAnswer(long TriageId, TriageReport Report);
