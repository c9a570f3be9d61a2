namespace ChatTriageBot.Slack;

/// <summary>
/// Handles one slash command (registered as a keyed service under its name, e.g. <c>/triage</c>). The reply is sent
/// at once as the HTTP response (or the Socket Mode ack payload); slow answers go later through the response URL.
/// </summary>
internal interface ISlackCommandHandler
{
    Task<SlackCommandReply?> HandleAsync(SlashCommand command, CancellationToken cancellationToken);
}
