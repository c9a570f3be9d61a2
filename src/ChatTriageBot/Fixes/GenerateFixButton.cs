using System.Globalization;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;
using ChatTriageBot.Triage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Offers <b>Generate fix</b> under a triage's answer when there is a diagnosis whose fixability reaches
/// <c>Triage__FixabilityThreshold</c> and somebody is listed in <c>Access__GenerateFix</c> (an empty list hides the
/// button from everyone). Whether the person who clicks is listed is checked again on the click
/// (<see cref="GenerateFixHandler"/>).
/// </summary>
internal sealed class GenerateFixButton(SlackAccess access, IOptions<TriageOptions> options) : IButtonContributor<TriageAnswer>
{
    public IEnumerable<ButtonElement> ButtonsFor(TriageAnswer subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Report.Diagnosis is { } diagnosis
            && diagnosis.Fixability >= options.Value.FixabilityThreshold
            && access.Allowed(FixActions.GenerateFixPermission).Count > 0)
        {
            yield return new ButtonElement("Generate fix", FixActions.GenerateFix)
            {
                Value = subject.TriageId.ToString(CultureInfo.InvariantCulture),
                Style = ButtonStyle.Primary,
            };
        }
    }
}
