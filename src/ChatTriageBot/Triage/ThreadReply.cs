using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>The bot's one message in a triage's thread, replaced in place as the triage moves on.</summary>
internal sealed class ThreadReply(SlackApiClient slack, string channel, string threadTs)
{
    public string Ts { get; set; } = string.Empty;

    public string ThreadTs => threadTs;

    public Task ShowAsync(BlockKitMessage message, CancellationToken cancellationToken) =>
        slack.UpdateMessageAsync(channel, Ts, message.FallbackText, message.Blocks, cancellationToken);
}
