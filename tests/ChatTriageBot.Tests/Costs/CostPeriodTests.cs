using ChatTriageBot.Costs;

namespace ChatTriageBot.Tests.Costs;

/// <summary>Where report periods begin and end, as UTC instants, in time zones and across daylight-saving changes.</summary>
public sealed class CostPeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Today_OnTheDayClocksGoForward_StartsAtLocalMidnightBeforeTheChange_AndComparesWithAsLongBefore()
    {
        // Sun 29 Mar 2026 in Berlin: midnight is still CET (+01:00); 12:00 is CEST (+02:00).
        var now = At("2026-03-29T10:00:00Z");

        var today = Parse("today", now, Berlin);

        Assert.Equal(At("2026-03-28T23:00:00Z"), today.From);
        Assert.Equal(now, today.To);
        Assert.Equal(At("2026-03-28T12:00:00Z"), today.PreviousFrom);
        Assert.Equal(today.From, today.PreviousTo);
    }

    [Fact]
    public void Days_CountLocalCalendarDays_IncludingToday()
    {
        var now = At("2026-03-29T10:00:00Z");

        Assert.Equal(At("2026-03-22T23:00:00Z"), Parse("7d", now, Berlin).From);
        Assert.Equal(At("2026-03-23T00:00:00Z"), Parse("7d", now, TimeZoneInfo.Utc).From);
        Assert.Equal(At("2026-02-27T23:00:00Z"), Parse("30d", now, Berlin).From);
        Assert.Equal(Parse("today", now, Berlin).From, Parse("1d", now, Berlin).From);
    }

    [Fact]
    public void ARangeOfWholeDays_IsTwentyThreeOrTwentyFiveHoursLongOnTheChangeDays()
    {
        var spring = Between("2026-03-29..2026-03-29", Berlin);
        Assert.Equal(At("2026-03-28T23:00:00Z"), spring.From);
        Assert.Equal(At("2026-03-29T22:00:00Z"), spring.To);
        Assert.Equal(TimeSpan.FromHours(23), spring.To - spring.From);
        Assert.Equal(At("2026-03-27T23:00:00Z"), spring.PreviousFrom);
        Assert.Equal(TimeSpan.FromHours(24), spring.PreviousTo - spring.PreviousFrom);

        var autumn = Between("2026-10-25..2026-10-25", Berlin);
        Assert.Equal(TimeSpan.FromHours(25), autumn.To - autumn.From);

        var week = Between("2026-10-19..2026-10-25", Berlin);
        Assert.Equal(At("2026-10-18T22:00:00Z"), week.From);
        Assert.Equal(At("2026-10-25T23:00:00Z"), week.To);
        Assert.Equal(At("2026-10-11T22:00:00Z"), week.PreviousFrom);
    }

    [Fact]
    public void Month_BeginsOnTheFirstInTheZone_WhereverUtcIs()
    {
        // 03:00 UTC on 5 Nov is still 4 Nov in New York; 1 Nov began at 00:00 EDT (-04:00), before that night's change.
        var now = At("2026-11-05T03:00:00Z");

        var month = Parse("month", now, NewYork);

        Assert.Equal(At("2026-11-01T04:00:00Z"), month.From);
        Assert.Contains("since 1 Nov", month.Label, StringComparison.Ordinal);
        Assert.Equal(At("2026-11-01T00:00:00Z"), Parse("month", now, TimeZoneInfo.Utc).From);
    }

    [Fact]
    public void ADayWhoseMidnightIsSkipped_BeginsAtItsFirstInstant()
    {
        // Havana moves its clocks from 00:00 to 01:00 on 8 Mar 2026: that day begins at 01:00 CDT (-04:00).
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        Assert.Equal(At("2026-03-08T05:00:00Z"), LocalCalendar.StartOf(new DateOnly(2026, 3, 8), havana));
        Assert.Equal(At("2026-03-07T05:00:00Z"), LocalCalendar.StartOf(new DateOnly(2026, 3, 7), havana));
    }

    [Theory]
    [InlineData("7x")]
    [InlineData("0d")]
    [InlineData("99999d")]
    [InlineData("yesterday")]
    [InlineData("2026-02-30..2026-03-01")]
    [InlineData("2026-03-05..2026-03-01")]
    [InlineData("2026-03-01..")]
    public void AnythingElse_IsNotAPeriod_AndSaysWhy(string text)
    {
        Assert.Null(CostPeriod.Parse(text, At("2026-03-29T10:00:00Z"), Berlin, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    private static CostPeriod Parse(string text, DateTimeOffset now, TimeZoneInfo zone) =>
        CostPeriod.Parse(text, now, zone, out var problem) ?? throw new InvalidOperationException(problem);

    private static CostPeriod Between(string text, TimeZoneInfo zone) => Parse(text, At("2027-01-01T00:00:00Z"), zone);

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
}
