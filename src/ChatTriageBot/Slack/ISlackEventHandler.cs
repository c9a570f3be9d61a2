namespace ChatTriageBot.Slack;

/// <summary>
/// Handles inner events of the types it names. Runs inside Slack's three-second window: parse, check who is asking,
/// write a job row, return. Throwing makes the delivery fail so Slack retries it.
/// </summary>
internal interface ISlackEventHandler
{
    IReadOnlyCollection<string> EventTypes { get; }

    /// <summary>
    /// Cheap, side-effect-free: whether this event is for the handler at all (e.g. a message that mentions the bot).
    /// Only accepted events are recorded for deduplication, so an unrelated message edited later into a request is
    /// still seen.
    /// </summary>
    bool Accepts(SlackEventContext context);

    Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken);
}
