using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

/// <summary>
/// The spending caps of <see cref="CostsOptions"/> against the ledger. Before a model call: over a cap once the call is
/// added → refused (no call); above the warning share → an approval first; an approved call skips the warning but
/// never a cap. Two replicas deciding at the same instant can together overshoot a cap by at most one call each.
/// </summary>
internal sealed class Budget(UsageLedger ledger, IOptions<CostsOptions> options, TimeProvider timeProvider)
{
    public TimeZoneInfo Zone => options.Value.Zone;

    public double WarnShare => options.Value.WarnShare;

    /// <summary>
    /// Every cap that applies to a call in <paramref name="channel"/> for <paramref name="userId"/> (team caps always;
    /// channel and personal caps when there is a channel or a person), with what is spent against it, summed in the database.
    /// </summary>
    public async Task<IReadOnlyList<CapStatus>> CapsAsync(string? channel, string? userId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var zone = settings.Zone;
        var today = LocalCalendar.DateOf(timeProvider.GetUtcNow(), zone);
        var dayStart = LocalCalendar.StartOf(today, zone);
        var nextDay = LocalCalendar.StartOf(today.AddDays(1), zone);
        var monthStart = LocalCalendar.StartOf(LocalCalendar.FirstOfMonth(today), zone);
        var nextMonth = LocalCalendar.StartOf(LocalCalendar.FirstOfMonth(today).AddMonths(1), zone);

        var caps = new List<(string Name, CapScope Scope, string Subject, decimal? Cap, DateTimeOffset Since, DateTimeOffset Resets, string? Channel, string? User)>
        {
            ("the team's daily", CapScope.Team, "team", settings.DailyCap, dayStart, nextDay, null, null),
            ("the team's monthly", CapScope.Team, "team", settings.MonthlyCap, monthStart, nextMonth, null, null),
        };
        if (channel is not null)
        {
            caps.Add(("this channel's daily", CapScope.Channel, channel, settings.ChannelDailyCap, dayStart, nextDay, channel, null));
            caps.Add(("this channel's monthly", CapScope.Channel, channel, settings.ChannelMonthlyCap, monthStart, nextMonth, channel, null));
        }

        if (userId is not null)
        {
            caps.Add(("your daily", CapScope.User, userId, settings.UserDailyCap, dayStart, nextDay, null, userId));
            caps.Add(("your monthly", CapScope.User, userId, settings.UserMonthlyCap, monthStart, nextMonth, null, userId));
        }

        var statuses = new List<CapStatus>();
        foreach (var (name, scope, subject, cap, since, resets, capChannel, capUser) in caps)
        {
            if (cap is { } limit)
            {
                var spent = Money.ToDollars(await ledger.SpentMicrosAsync(since, capChannel, capUser, cancellationToken));
                statuses.Add(new CapStatus(name, scope, subject, limit, spent, since, resets));
            }
        }

        return statuses;
    }

    public async Task<BudgetCheck> CheckAsync(string? channel, string? userId, decimal? estimate, string model, bool approved, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasCaps)
        {
            return BudgetCheck.Allowed;
        }

        BudgetCheck? warning = null;
        foreach (var cap in await CapsAsync(channel, userId, cancellationToken))
        {
            var after = cap.Spent + (estimate ?? 0);
            if (cap.Spent >= cap.Cap || (estimate is not null && after > cap.Cap))
            {
                return new BudgetCheck(BudgetOutcome.Refused, Refusal(cap, estimate, settings.Zone));
            }

            if (!approved && warning is null)
            {
                if (estimate is null)
                {
                    warning = new BudgetCheck(BudgetOutcome.NeedsApproval, string.Create(CultureInfo.InvariantCulture,
                        $"I do not know the price of {model} (add it under Prices__Models), so I cannot tell what this diagnosis costs against {cap.Name} cap of {Money.Usd(cap.Cap)} ({Money.Usd(cap.Spent)} spent). Approve to go ahead anyway."));
                }
                else if ((double)after > settings.WarnShare * (double)cap.Cap)
                {
                    warning = new BudgetCheck(BudgetOutcome.NeedsApproval, string.Create(CultureInfo.InvariantCulture,
                        $"This diagnosis would cost up to {Money.Usd(estimate.Value)}, which brings {cap.Name} spending to {after / cap.Cap * 100:0}% of its {Money.Usd(cap.Cap)} cap ({Money.Usd(cap.Spent)} spent so far). Approve to go ahead."));
                }
            }
        }

        return warning ?? BudgetCheck.Allowed;
    }

    /// <summary>When a cap starts again, in the caps' time zone: <c>Tue 18 Nov 00:00 (Europe/Berlin)</c>.</summary>
    public static string When(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    private static string Refusal(CapStatus cap, decimal? estimate, TimeZoneInfo zone)
    {
        var cost = estimate is { } e ? $"would cost up to {Money.Usd(e)}, and " : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"Sorry, I did not ask the model: this diagnosis {cost}{cap.Name} spending cap of {Money.Usd(cap.Cap)} is {(cap.Spent >= cap.Cap ? "used up" : "nearly used up")} ({Money.Usd(cap.Spent)} spent). It resets {When(cap.Resets, zone)} ({zone.Id}); until then an admin can raise the cap.");
    }
}
