namespace ChatTriageBot.Slack;

/// <summary>A <see cref="SlackActionReply"/> to perform after an acknowledgement, with where it goes: the clicker, the interaction's response URL and trigger.</summary>
internal sealed record SlackFollowUp(SlackActionReply Reply, string UserId, string? ChannelId, string? ThreadTs, string? ResponseUrl, string? TriggerId)
{
    public static SlackFollowUp For(BlockAction action, SlackActionReply reply)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new SlackFollowUp(reply, action.UserId, action.ChannelId, action.ThreadTs, action.ResponseUrl, action.TriggerId);
    }
}
