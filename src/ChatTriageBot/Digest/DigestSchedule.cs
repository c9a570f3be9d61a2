using ChatTriageBot.Costs;
using Microsoft.Extensions.Options;
using Quartz;

namespace ChatTriageBot.Digest;

/// <summary>
/// When digests are due (<c>Digest__Cron</c> in <c>Digest__TimeZone</c>) and which week each covers: a digest due at a
/// time covers the last whole ISO week before it (Monday 09:00 covers the week that ended the midnight before). Computed
/// from the injected clock, so a restart across a due time, or a test's fake clock, sees the same schedule.
/// </summary>
internal sealed class DigestSchedule(IOptions<DigestOptions> options, TimeProvider timeProvider)
{
    // Windows searched for the last due time, smallest first: a frequent schedule is found in the first, a weekly one
    // within eight days, and at most a few thousand fire times are stepped through.
    private static readonly TimeSpan[] Lookback = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(35), TimeSpan.FromDays(400)];

    public TimeZoneInfo Zone => options.Value.Zone;

    /// <summary>The last due time at or before now, and the week it covers; null when the schedule was never due in the last year.</summary>
    public (DateTimeOffset DueAt, DigestWeek Week)? LastDue()
    {
        var now = timeProvider.GetUtcNow();
        var cron = new CronExpression(options.Value.Cron, Zone);
        foreach (var window in Lookback)
        {
            if (cron.GetNextValidTimeAfter(now - window) is not { } first || first > now)
            {
                continue;
            }

            var last = first;
            while (cron.GetNextValidTimeAfter(last) is { } next && next <= now)
            {
                last = next;
            }

            return (last, WeekBefore(last));
        }

        return null;
    }

    /// <summary>The next due time after now.</summary>
    public DateTimeOffset? NextDue() =>
        new CronExpression(options.Value.Cron, Zone).GetNextValidTimeAfter(timeProvider.GetUtcNow());

    /// <summary>The last whole ISO week before <paramref name="dueAt"/> in the digest's time zone.</summary>
    public DigestWeek WeekBefore(DateTimeOffset dueAt) =>
        DigestWeek.Of(LocalCalendar.DateOf(dueAt, Zone)).Previous;

    /// <summary>The week a digest asked for now covers (the <c>digest</c> verb without <c>--week</c>).</summary>
    public DigestWeek LastWholeWeek() => WeekBefore(timeProvider.GetUtcNow());
}
