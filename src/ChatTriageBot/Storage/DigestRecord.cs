namespace ChatTriageBot.Storage;

/// <summary>
/// The digest of one period (an ISO week, <c>2026-W47</c>): the period is the key, so each is posted at most once, by
/// whichever process claims it first, and a crash between the post and its record finds the post again (by its
/// Slack message metadata) instead of posting twice.
/// </summary>
internal sealed class DigestRecord
{
    /// <summary>The ISO week, <c>YYYY-Www</c>.</summary>
    public required string Period { get; set; }

    public DigestStatus Status { get; set; }

    /// <summary>When it was due (the schedule's fire time).</summary>
    public DateTimeOffset DueAt { get; set; }

    public string? Channel { get; set; }

    /// <summary>The digest message, once posted.</summary>
    public string? Ts { get; set; }

    /// <summary>The chart's Slack file, once uploaded.</summary>
    public string? ChartFileId { get; set; }

    /// <summary>Who is posting it now, and until when that claim holds (a process that died lets it lapse).</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PostedAt { get; set; }
}
