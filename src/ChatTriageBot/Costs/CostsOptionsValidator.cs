using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

internal sealed class CostsOptionsValidator : IValidateOptions<CostsOptions>
{
    public ValidateOptionsResult Validate(string? name, CostsOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, cap) in new[]
        {
            ("DailyCap", options.DailyCap), ("MonthlyCap", options.MonthlyCap), ("ChannelDailyCap", options.ChannelDailyCap),
            ("ChannelMonthlyCap", options.ChannelMonthlyCap), ("UserDailyCap", options.UserDailyCap), ("UserMonthlyCap", options.UserMonthlyCap),
        })
        {
            if (cap < 0)
            {
                problems.Add($"Costs__{key} must be a number of US dollars, 0 or more (unset means no cap).");
            }
        }

        if (options.WarnShare is <= 0 or > 1 || double.IsNaN(options.WarnShare))
        {
            problems.Add("Costs__WarnShare must be above 0 and at most 1 (1 = never ask for approval).");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            problems.Add($"Costs__TimeZone: '{options.TimeZone}' is not a known time zone (e.g. UTC or Europe/Berlin).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
