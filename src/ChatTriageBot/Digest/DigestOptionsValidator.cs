using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.Digest;

internal sealed partial class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Channel) && !ChannelId().IsMatch(options.Channel.Trim()))
        {
            problems.Add($"Digest__Channel must be a Slack channel id such as C0123ABCD (in the channel's details), not '{options.Channel}'.");
        }

        if (!CronExpression.TryParse(options.Cron, out _))
        {
            problems.Add($"Digest__Cron: '{options.Cron}' is not a Quartz cron expression (seconds first, e.g. {DigestOptions.DefaultCron} for Mondays at 09:00).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? string.Empty, out _))
        {
            problems.Add($"Digest__TimeZone: '{options.TimeZone}' is not a known time zone (e.g. UTC or Europe/Berlin).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[CG][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();
}
