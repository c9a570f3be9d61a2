namespace ChatTriageBot.Storage;

/// <summary>A Slack delivery already accepted (its event id, or channel + ts of its message): the dedupe ledger.</summary>
internal sealed class SlackDeliveryRecord
{
    public required string Key { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
