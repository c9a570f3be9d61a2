namespace ChatTriageBot.Storage;

/// <summary>
/// A channel's settings made in Slack (<c>/triage repo owner/name</c>, <c>/triage auto on</c>); they override the
/// configured ones.
/// </summary>
internal sealed class ChannelSettingRecord
{
    public required string Channel { get; set; }

    /// <summary>The channel's default repository, <c>owner/name</c>.</summary>
    public string? Repository { get; set; }

    /// <summary>Triage every new top-level request here without a mention (off by default).</summary>
    public bool AutoTriage { get; set; }

    public string? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
