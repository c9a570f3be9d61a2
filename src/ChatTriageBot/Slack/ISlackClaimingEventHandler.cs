namespace ChatTriageBot.Slack;

/// <summary>
/// An event handler whose own durable write records the delivery's dedupe keys, in the same transaction as the work it
/// queues. The dispatcher then makes no separate claim: a delivery is accepted together with its work or not at all, so
/// a process that dies between the two cannot leave a delivery claimed whose work was never queued (Slack's retry of it
/// would be dropped as a duplicate), and a delivery costs one write instead of two.
/// </summary>
public interface ISlackClaimingEventHandler : ISlackEventHandler
{
    /// <summary>
    /// Handles the event and records <paramref name="deliveryKeys"/> with whatever it writes; returns false, having done
    /// nothing, when any of the keys was recorded before (a duplicate or retried delivery already handled). Throwing
    /// must leave no key recorded, so Slack's retry is handled.
    /// </summary>
    Task<bool> HandleAndClaimAsync(SlackEventContext context, IReadOnlyList<string> deliveryKeys, CancellationToken cancellationToken);
}
