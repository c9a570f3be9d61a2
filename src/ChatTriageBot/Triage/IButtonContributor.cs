using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>
/// Buttons that one feature puts under another feature's message. The message's owner asks every registered
/// contributor for the buttons of one <typeparamref name="TSubject"/> (for a triage's answer, a <see cref="TriageAnswer"/>)
/// and shows them before its own, in registration order. The contributor owns each button's <c>action_id</c> and the
/// handler of its click, so the message's owner knows nothing of the feature behind it.
/// </summary>
internal interface IButtonContributor<in TSubject>
{
    /// <summary>The buttons to offer for <paramref name="subject"/>; none when the feature has nothing to offer there.</summary>
    IEnumerable<ButtonElement> ButtonsFor(TSubject subject);
}
