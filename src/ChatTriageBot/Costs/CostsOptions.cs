namespace ChatTriageBot.Costs;

/// <summary>
/// Bound from the <c>Costs</c> section: spending caps in US dollars (unset = no cap), global, per channel and per
/// user, per day and per month, counted in <see cref="TimeZone"/>; and the share of a cap above which a call needs
/// someone's approval first.
/// </summary>
internal sealed class CostsOptions
{
    public const string Section = "Costs";

    public decimal? DailyCap { get; set; }

    public decimal? MonthlyCap { get; set; }

    public decimal? ChannelDailyCap { get; set; }

    public decimal? ChannelMonthlyCap { get; set; }

    public decimal? UserDailyCap { get; set; }

    public decimal? UserMonthlyCap { get; set; }

    /// <summary>Above this share of a cap (after the call), a call waits for an approval click. 0.8 by default; 1 = never ask.</summary>
    public double WarnShare { get; set; } = 0.8;

    /// <summary>Where days and months begin: an IANA or Windows time zone id (default UTC).</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The zone of <see cref="TimeZone"/> (validated at start-up; UTC if it is unknown).</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public bool HasCaps => new[] { DailyCap, MonthlyCap, ChannelDailyCap, ChannelMonthlyCap, UserDailyCap, UserMonthlyCap }.Any(c => c is not null);
}
