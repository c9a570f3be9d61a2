using ChatTriageBot.CodeContext;
using ChatTriageBot.Slack;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Triage;

/// <summary><c>/triage repo [owner/name]</c>: show or set the channel's default repository.</summary>
internal sealed class RepoCommand(RepositoryRegistry registry, SlackAccess access) : ISlackSubcommand
{
    public const string Word = "repo";

    public string Command => SlashCommands.Triage;

    public string Name => Word;

    public IReadOnlyList<SlackSubcommandUsage> Usage { get; } =
    [
        new(Word, "show this channel's default repository.", Word),
        new($"{Word} owner/name", "make it this channel's default.", $"{Word} acme/shop"),
    ];

    public async Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return arguments switch
        {
            [] => await ShowAsync(command, cancellationToken),
            [var name] => await SetAsync(command, name, cancellationToken),
            _ => new SlackCommandReply(SlackCommandHelp.UsageOf(this)),
        };
    }

    private async Task<SlackCommandReply> ShowAsync(SlashCommand command, CancellationToken cancellationToken)
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

    private async Task<SlackCommandReply> SetAsync(SlashCommand command, string name, CancellationToken cancellationToken)
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
