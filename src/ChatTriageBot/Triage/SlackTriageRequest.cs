namespace ChatTriageBot.Triage;

/// <summary>A mention of the bot that asks for a triage: where it was, who asked, and (optionally) which repository.</summary>
internal sealed record SlackTriageRequest(string? TeamId, string Channel, string ThreadTs, string MentionTs, string UserId)
{
    /// <summary><c>owner/name</c> when the mention named one; otherwise chosen when the job runs.</summary>
    public string? Repository { get; init; }
}
