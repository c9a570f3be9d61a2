using System.Globalization;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Storage;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Fixes;

/// <summary>
/// The buttons of a fix's message, for its state: <b>Open PR</b> (checks passed, the repository is on GitHub, and
/// somebody is listed in <c>Access__OpenPullRequest</c>), <b>Revise</b> and <b>Discard</b> while nothing was opened,
/// and <b>Regenerate</b> when the patch went stale. Whether the clicker is listed is checked again on each click.
/// </summary>
internal sealed class FixButtons(SlackAccess access) : IButtonContributor<FixView>
{
    public IEnumerable<ButtonElement> ButtonsFor(FixView subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var value = subject.FixId.ToString(CultureInfo.InvariantCulture);
        var fixers = access.Allowed(FixActions.GenerateFixPermission).Count > 0;
        if (subject.Status == FixStatus.Ready && subject.Details.ChecksPassed && subject.GitHubRepository is not null
            && access.Allowed(FixActions.OpenPullRequestPermission).Count > 0)
        {
            yield return new ButtonElement("Open PR", FixActions.OpenPullRequest) { Value = value, Style = ButtonStyle.Primary };
        }

        if (subject.Status == FixStatus.Stale && fixers)
        {
            yield return new ButtonElement("Regenerate", FixActions.Regenerate) { Value = value, Style = ButtonStyle.Primary };
        }

        if (subject.Status is FixStatus.Ready or FixStatus.Failed && fixers)
        {
            yield return new ButtonElement("Revise", FixActions.Revise) { Value = value };
        }

        if (subject.Status is FixStatus.Ready or FixStatus.Failed or FixStatus.Stale && fixers)
        {
            yield return new ButtonElement("Discard", FixActions.Discard)
            {
                Value = value,
                Style = ButtonStyle.Danger,
                Confirm = new ConfirmDialog("Discard this fix?", "The message keeps the patch for the record, without buttons; nothing is opened on GitHub.", "Discard") { Style = ButtonStyle.Danger },
            };
        }
    }
}
