namespace ChatTriageBot.Slack;

public sealed record PostedMessage(string Channel, string Ts);
