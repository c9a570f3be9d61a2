namespace ChatTriageBot.Slack;

internal sealed record PostedMessage(string Channel, string Ts);
