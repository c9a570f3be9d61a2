namespace ChatTriageBot.Slack;

/// <summary>
/// Remembers which deliveries were already accepted, durably and across replicas (the product implements it on its
/// database). A claim covers several keys at once (the event id, and channel + ts for messages): it succeeds only
/// when none of them was claimed before.
/// </summary>
internal interface ISlackDeliveryLedger
{
    Task<bool> TryClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Gives keys back after a handler failed, so Slack's retry of the same delivery is not dropped as a duplicate.</summary>
    Task ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}
