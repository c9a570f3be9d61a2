namespace ChatTriageBot.Slack;

/// <summary>
/// One subcommand of a slash command (<c>/triage cost 7d</c>: command <c>/triage</c>, subcommand <c>cost</c>), owned by
/// the feature it serves and registered as a service. The dispatcher routes on the first word and writes the command's
/// help from every subcommand's <see cref="Usage"/>, so features add subcommands without knowing each other. Runs
/// inside Slack's three seconds: answer from the database or from what is already known, never by calling out.
/// </summary>
internal interface ISlackSubcommand
{
    /// <summary>The slash command it belongs to, e.g. <c>/triage</c>.</summary>
    string Command { get; }

    /// <summary>The first word that selects it, e.g. <c>cost</c>.</summary>
    string Name { get; }

    /// <summary>Its forms, each with what it does and an example, for the command's help.</summary>
    IReadOnlyList<SlackSubcommandUsage> Usage { get; }

    /// <summary>Answers <paramref name="arguments"/> (the words after <see cref="Name"/>); ephemeral unless the reply says otherwise.</summary>
    Task<SlackCommandReply> HandleAsync(SlashCommand command, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
