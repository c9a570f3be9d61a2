namespace ChatTriageBot.Digest;

/// <summary>
/// Bound from the <c>Digest</c> section: where the weekly digest goes (no channel: no digest is posted), when (a Quartz
/// cron expression, seconds first, in <see cref="TimeZone"/>), and the time zone whose weeks it counts.
/// </summary>
internal sealed class DigestOptions
{
    public const string Section = "Digest";

    public const string DefaultCron = "0 0 9 ? * MON";

    /// <summary>The channel id to post in (<c>C…</c>); unset = no digest is posted.</summary>
    public string? Channel { get; set; }

    public string Cron { get; set; } = DefaultCron;

    /// <summary>An IANA or Windows time zone id (default UTC).</summary>
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Channel);
}
