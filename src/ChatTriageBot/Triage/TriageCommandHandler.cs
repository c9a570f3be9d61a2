using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>The <c>/triage</c> slash command: its sub-commands, and the usage text for anything else.</summary>
public sealed class TriageCommandHandler : ISlackCommandHandler
{
    public const string Command = "/triage";

    public const string Usage = """
        *ChatTriageBot*: mention me (`@triagebot`) on a support message, or in its thread, and I post a diagnosis there.
        Add `repo=owner/name` to the mention to choose the repository.

        `/triage help`: this text
        """;

    public Task<SlackCommandReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var reply = words switch
        {
            [] or ["help"] => new SlackCommandReply(Usage),
            _ => new SlackCommandReply($"I did not understand `{Mrkdwn.Escape(command.Text)}`.\n\n{Usage}"),
        };
        return Task.FromResult<SlackCommandReply?>(reply);
    }
}
