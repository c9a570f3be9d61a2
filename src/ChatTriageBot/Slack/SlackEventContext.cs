namespace ChatTriageBot.Slack;

/// <summary>What an event handler gets: the delivery, the inner event, and who the bot is.</summary>
internal sealed record SlackEventContext(SlackEventEnvelope Envelope, SlackEvent Event, SlackIdentity? Bot)
{
    /// <summary>True when the text mentions the bot user.</summary>
    public bool MentionsBot => Bot is not null && Event.Text is { } text && text.Contains($"<@{Bot.UserId}", StringComparison.Ordinal);
}
