namespace ChatTriageBot.Slack;

/// <summary>The paragraph a feature puts at the top of a slash command's help (what the bot is for), registered as a service.</summary>
internal sealed record SlackCommandIntro(string Command, string Text);
