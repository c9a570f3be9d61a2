using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatTriageBot.Digest;

/// <summary>An ISO 8601 week (<c>2026-W47</c>, Monday to Sunday): the period of one digest, and its key.</summary>
internal readonly partial record struct DigestWeek(int Year, int Week)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The day after its Sunday (where the week ends, exclusive).</summary>
    public DateOnly NextMonday => Monday.AddDays(7);

    public DigestWeek Previous => Of(Monday.AddDays(-7));

    public static DigestWeek Of(DateOnly day) => new(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)));

    /// <summary>Reads <c>YYYY-Www</c> (<c>2026-W07</c> or <c>2026-W7</c>); false for anything else or a week the year does not have.</summary>
    public static bool TryParse(string? text, out DigestWeek week)
    {
        week = default;
        if (text is null || Pattern().Match(text.Trim()) is not { Success: true } match)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new DigestWeek(year, number);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    [GeneratedRegex(@"^(?<year>\d{4})-[Ww](?<week>\d{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
