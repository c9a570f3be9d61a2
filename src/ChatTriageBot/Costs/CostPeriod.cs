using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatTriageBot.Costs;

/// <summary>
/// The time a cost report covers, in the caps' time zone, and the period of the same length just before it (for the
/// change). Bounds are UTC instants, worked out here, so queries compare plain times on every database:
/// <c>today</c> and <c>Nd</c> (today and the N-1 days before) and <c>month</c> run from a local midnight to now, and
/// are compared with the same length of time before; <c>YYYY-MM-DD..YYYY-MM-DD</c> is whole local days, both
/// included, compared with as many whole days before.
/// </summary>
internal sealed partial record CostPeriod(string Label, DateTimeOffset From, DateTimeOffset To, DateTimeOffset PreviousFrom, DateTimeOffset PreviousTo)
{
    public const string Syntax = "today|7d|30d|month|YYYY-MM-DD..YYYY-MM-DD";

    public const string Default = "7d";

    private const int MaxDays = 3660;

    /// <summary>The period <paramref name="text"/> names at <paramref name="now"/>, or null with the reason in <paramref name="problem"/>.</summary>
    public static CostPeriod? Parse(string text, DateTimeOffset now, TimeZoneInfo zone, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        problem = null;
        var today = LocalCalendar.DateOf(now, zone);
        var word = text.Trim().ToLowerInvariant();
        if (word == "today")
        {
            return Since("today", LocalCalendar.StartOf(today, zone), now);
        }

        if (word == "month")
        {
            var first = LocalCalendar.FirstOfMonth(today);
            return Since($"this month (since {first.ToString("d MMM", CultureInfo.InvariantCulture)})", LocalCalendar.StartOf(first, zone), now);
        }

        if (DaysPattern().Match(word) is { Success: true } days)
        {
            if (!int.TryParse(days.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MaxDays)
            {
                problem = $"`{text}`: give from 1 to {MaxDays} days.";
                return null;
            }

            return Since(n == 1 ? "today" : $"the last {n} days", LocalCalendar.StartOf(today.AddDays(1 - n), zone), now);
        }

        if (RangePattern().Match(word) is { Success: true } range)
        {
            if (!DateOnly.TryParseExact(range.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(range.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
            {
                problem = $"`{text}` is not two dates (YYYY-MM-DD..YYYY-MM-DD).";
                return null;
            }

            return Between(from, to, zone, out problem);
        }

        problem = $"`{text}` is not a period ({Syntax}).";
        return null;
    }

    /// <summary>Whole local days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static CostPeriod? Between(DateOnly from, DateOnly to, TimeZoneInfo zone, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(zone);
        problem = null;
        if (to < from)
        {
            problem = $"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).";
            return null;
        }

        var length = to.DayNumber - from.DayNumber + 1;
        if (length > MaxDays)
        {
            problem = $"The period is longer than {MaxDays} days.";
            return null;
        }

        var label = from == to
            ? from.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{from.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} to {to.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        return new CostPeriod(
            label,
            LocalCalendar.StartOf(from, zone),
            LocalCalendar.StartOf(to.AddDays(1), zone),
            LocalCalendar.StartOf(from.AddDays(-length), zone),
            LocalCalendar.StartOf(from, zone));
    }

    private static CostPeriod Since(string label, DateTimeOffset from, DateTimeOffset now) =>
        new(label, from, now, from - (now - from), from);

    [GeneratedRegex(@"^(?<n>\d{1,5})d$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})\.\.(?<to>\d{4}-\d{2}-\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
