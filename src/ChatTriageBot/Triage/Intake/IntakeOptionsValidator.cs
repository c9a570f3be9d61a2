using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

internal sealed partial class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Channels.Count; i++)
        {
            if (!ChannelId().IsMatch(options.Channels[i] ?? string.Empty))
            {
                problems.Add($"Intake__Channels__{i} must be a Slack channel id such as C0123ABCD (in the channel's details), not '{options.Channels[i]}'.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[CG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();
}
