namespace ChatTriageBot.Slack;

/// <summary>
/// An event handler whose own durable write is the delivery's claim: it records the work it queues under a unique key
/// that every delivery of the same work carries, or records the delivery's dedupe keys with it, in one transaction. The
/// dispatcher then makes no separate claim: a delivery is accepted together with its work or not at all, so a process
/// that dies between the two cannot leave a delivery claimed whose work was never queued (Slack's retry of it would be
/// dropped as a duplicate), and a delivery costs one write instead of two.
/// </summary>
internal interface ISlackClaimingEventHandler : ISlackEventHandler
{
    /// <summary>
    /// Handles the event, refusing a delivery that <paramref name="deliveryKeys"/> (the event id; the channel + ts of a
    /// message) would refuse: it returns false, having done nothing, when the same work was claimed before (a duplicate
    /// or retried delivery already handled). A key of the handler's own may stand in for the delivery keys when every
    /// delivery that shares one of them also shares it. Throwing must leave nothing claimed, so Slack's retry is handled.
    /// </summary>
    Task<bool> HandleAndClaimAsync(SlackEventContext context, IReadOnlyList<string> deliveryKeys, CancellationToken cancellationToken);
}
