using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

/// <summary>
/// Decides whether a model call may be made, against the caps of <see cref="CostsOptions"/>: over a cap once the call
/// is added → refused (no call); above the warning share → an approval first; an approved call skips the warning but
/// never a cap. Two replicas deciding at the same instant can together overshoot a cap by at most one call each.
/// </summary>
internal sealed class Budget(UsageLedger ledger, IOptions<CostsOptions> options, TimeProvider timeProvider)
{
    public async Task<BudgetCheck> CheckAsync(string? channel, string? userId, decimal? estimate, string model, bool approved, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasCaps)
        {
            return BudgetCheck.Allowed;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var now = timeProvider.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var dayStart = Start(local.Year, local.Month, local.Day, zone);
        var monthStart = Start(local.Year, local.Month, 1, zone);
        var nextDay = Start(local.Date.AddDays(1).Year, local.Date.AddDays(1).Month, local.Date.AddDays(1).Day, zone);
        var nextMonthDate = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
        var nextMonth = Start(nextMonthDate.Year, nextMonthDate.Month, 1, zone);

        var caps = new List<(string Name, decimal? Cap, DateTimeOffset Since, DateTimeOffset Resets, string? Channel, string? User)>
        {
            ("the team's daily", settings.DailyCap, dayStart, nextDay, null, null),
            ("the team's monthly", settings.MonthlyCap, monthStart, nextMonth, null, null),
            ("this channel's daily", settings.ChannelDailyCap, dayStart, nextDay, channel, null),
            ("this channel's monthly", settings.ChannelMonthlyCap, monthStart, nextMonth, channel, null),
            ("your daily", settings.UserDailyCap, dayStart, nextDay, null, userId),
            ("your monthly", settings.UserMonthlyCap, monthStart, nextMonth, null, userId),
        };

        BudgetCheck? warning = null;
        foreach (var (name, cap, since, resets, capChannel, capUser) in caps)
        {
            if (cap is not { } limit || (name.StartsWith("this channel", StringComparison.Ordinal) && channel is null) || (name.StartsWith("your", StringComparison.Ordinal) && userId is null))
            {
                continue;
            }

            var spent = await ledger.SpentAsync(since, capChannel, capUser, cancellationToken);
            var after = spent + (estimate ?? 0);
            if (spent >= limit || (estimate is not null && after > limit))
            {
                return new BudgetCheck(BudgetOutcome.Refused, Refusal(name, limit, spent, estimate, resets, zone));
            }

            if (!approved && warning is null)
            {
                if (estimate is null)
                {
                    warning = new BudgetCheck(BudgetOutcome.NeedsApproval, string.Create(CultureInfo.InvariantCulture,
                        $"I do not know the price of {model} (add it under Prices__Models), so I cannot tell what this diagnosis costs against {name} cap of {Usd(limit)} ({Usd(spent)} spent). Approve to go ahead anyway."));
                }
                else if ((double)after > settings.WarnShare * (double)limit)
                {
                    warning = new BudgetCheck(BudgetOutcome.NeedsApproval, string.Create(CultureInfo.InvariantCulture,
                        $"This diagnosis would cost up to {Usd(estimate.Value)}, which brings {name} spending to {after / limit * 100:0}% of its {Usd(limit)} cap ({Usd(spent)} spent so far). Approve to go ahead."));
                }
            }
        }

        return warning ?? BudgetCheck.Allowed;
    }

    public static string Usd(decimal amount) =>
        amount.ToString(amount is > 0 and < 0.01m ? "$0.0000" : "$0.00", CultureInfo.InvariantCulture);

    private static string Refusal(string name, decimal cap, decimal spent, decimal? estimate, DateTimeOffset resets, TimeZoneInfo zone)
    {
        var when = TimeZoneInfo.ConvertTime(resets, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        var cost = estimate is { } e ? $"would cost up to {Usd(e)}, and " : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"Sorry, I did not ask the model: this diagnosis {cost}{name} spending cap of {Usd(cap)} is {(spent >= cap ? "used up" : "nearly used up")} ({Usd(spent)} spent). It resets {when} ({zone.Id}); until then an admin can raise the cap.");
    }

    private static DateTimeOffset Start(int year, int month, int day, TimeZoneInfo zone)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

internal enum BudgetOutcome
{
    Allowed,
    NeedsApproval,
    Refused,
}

/// <summary>The decision and, unless allowed, the polite text for the thread (which cap, spent against cap, when it resets).</summary>
internal sealed record BudgetCheck(BudgetOutcome Outcome, string? Message)
{
    public static readonly BudgetCheck Allowed = new(BudgetOutcome.Allowed, null);
}
