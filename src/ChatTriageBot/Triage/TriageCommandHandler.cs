using ChatTriageBot.CodeContext;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary>The <c>/triage</c> slash command: its sub-commands, and the usage text for anything else.</summary>
internal sealed class TriageCommandHandler(RepositoryRegistry registry, SlackAccess access) : ISlackCommandHandler
{
    public const string Command = "/triage";

    public const string Usage = """
        *ChatTriageBot*: mention me (`@triagebot`) on a support message, or in its thread, and I post a diagnosis there.
        Add `repo=owner/name` to the mention to choose the repository.

        `/triage repo`: show this channel's default repository
        `/triage repo owner/name`: make it this channel's default
        `/triage help`: this text
        """;

    public async Task<SlackCommandReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            [] or ["help"] => new SlackCommandReply(Usage),
            ["repo"] => await ShowRepositoryAsync(command, cancellationToken),
            ["repo", var name] => await SetRepositoryAsync(command, name, cancellationToken),
            _ => new SlackCommandReply($"I did not understand `{Mrkdwn.Escape(command.Text)}`.\n\n{Usage}"),
        };
    }

    private async Task<SlackCommandReply> ShowRepositoryAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var configured = string.Join(", ", registry.All.Select(r => $"`{r.Name}`"));
        if (command.ChannelId is null)
        {
            return new SlackCommandReply($"Configured repositories: {configured}.");
        }

        return await registry.ChannelDefaultAsync(command.ChannelId, cancellationToken) is { } current
            ? new SlackCommandReply($"This channel's default repository is `{current.Name}`. Configured: {configured}.")
            : new SlackCommandReply($"This channel has no default repository. Configured: {configured}. Set one with `/triage repo owner/name`.");
    }

    private async Task<SlackCommandReply> SetRepositoryAsync(SlashCommand command, string name, CancellationToken cancellationToken)
    {
        if (command.ChannelId is null)
        {
            return new SlackCommandReply("Run this in the channel whose default you want to set.");
        }

        if (!await access.IsAllowedAsync(MentionHandler.DiagnosePermission, command.UserId, emptyMeansEveryone: true, cancellationToken))
        {
            return new SlackCommandReply("Sorry, you are not on the list of people who may use me here.");
        }

        return await registry.SetChannelDefaultAsync(command.ChannelId, name, command.UserId, cancellationToken) is { } repository
            ? new SlackCommandReply($"Done: `{repository.Name}` is now this channel's default repository.")
            : new SlackCommandReply($"`{Mrkdwn.Escape(name)}` is not a configured repository. Configured: {string.Join(", ", registry.All.Select(r => $"`{r.Name}`"))}.");
    }
}
