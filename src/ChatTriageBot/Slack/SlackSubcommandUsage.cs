namespace ChatTriageBot.Slack;

/// <summary>One form of a subcommand for the help text: <c>cost [7d|30d] [by user]</c>, what it does, and an example.</summary>
internal sealed record SlackSubcommandUsage(string Syntax, string Description, string Example);
