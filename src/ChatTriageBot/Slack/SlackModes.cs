namespace ChatTriageBot.Slack;

internal static class SlackModes
{
    public const string Http = "Http";
    public const string SocketMode = "SocketMode";
}
