namespace ChatTriageBot.Slack;

/// <summary>The app's slash commands, as the Slack app manifests declare them; features add subcommands to them.</summary>
internal static class SlashCommands
{
    public const string Triage = "/triage";
}
