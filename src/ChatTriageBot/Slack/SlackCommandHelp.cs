using System.Text;

namespace ChatTriageBot.Slack;

/// <summary>
/// A slash command made of subcommands (<see cref="ISlackSubcommand"/>): routes by the first word, and answers
/// <c>help</c>, nothing, or anything unknown with the help text listing every subcommand with an example.
/// </summary>
internal sealed class SlackCommandHelp(IServiceProvider services, IEnumerable<SlackCommandIntro> intros)
{
    public const string HelpWord = "help";

    // Resolved on first use: a subcommand may report on the transports (Socket Mode) that themselves depend on this
    // dispatch, which would be a cycle if it were resolved with them.
    private readonly Lazy<List<ISlackSubcommand>> _all = new(() => [.. services.GetServices<ISlackSubcommand>()]);
    private readonly List<SlackCommandIntro> _intros = [.. intros];

    private List<ISlackSubcommand> Subcommands => _all.Value;

    public bool Knows(string command) => Subcommands.Any(s => s.Command == command);

    public async Task<SlackCommandReply> DispatchAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words is [] || (words is [var only] && only.Equals(HelpWord, StringComparison.OrdinalIgnoreCase)))
        {
            return new SlackCommandReply(Render(command.Command));
        }

        var subcommand = Subcommands.FirstOrDefault(s => s.Command == command.Command && s.Name.Equals(words[0], StringComparison.OrdinalIgnoreCase));
        return subcommand is null
            ? new SlackCommandReply($"I did not understand `{BlockKit.Mrkdwn.Escape(command.Text.Trim())}`.\n\n{Render(command.Command)}")
            : await subcommand.HandleAsync(command, words[1..], cancellationToken);
    }

    /// <summary>The help of <paramref name="command"/>: the features' intros, then each subcommand's forms with an example.</summary>
    public string Render(string command)
    {
        var text = new StringBuilder();
        foreach (var intro in _intros.Where(i => i.Command == command))
        {
            text.Append(intro.Text.Trim()).Append("\n\n");
        }

        foreach (var usage in Subcommands.Where(s => s.Command == command).SelectMany(s => s.Usage))
        {
            text.Append(FormattableString.Invariant($"`{command} {usage.Syntax}`: {usage.Description} e.g. `{command} {usage.Example}`\n"));
        }

        return text.Append(FormattableString.Invariant($"`{command} {HelpWord}`: this text")).ToString();
    }

    /// <summary>The usage lines of one subcommand, for an answer to its malformed arguments.</summary>
    public static string UsageOf(ISlackSubcommand subcommand)
    {
        ArgumentNullException.ThrowIfNull(subcommand);
        return string.Join('\n', subcommand.Usage.Select(u => FormattableString.Invariant($"Usage: `{subcommand.Command} {u.Syntax}` ({u.Description} e.g. `{subcommand.Command} {u.Example}`)")));
    }
}
