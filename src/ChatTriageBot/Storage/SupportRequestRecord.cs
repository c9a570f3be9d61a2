namespace ChatTriageBot.Storage;

/// <summary>
/// A new top-level message from a person in a support channel: a request received, for the digest's "received against
/// triaged". Where, when and from whom only; its text is never stored.
/// </summary>
internal sealed class SupportRequestRecord
{
    public required string Channel { get; set; }

    /// <summary>The message's ts (with <see cref="Channel"/>, its identity; a triage of it has this as its thread).</summary>
    public required string Ts { get; set; }

    public string? UserId { get; set; }

    /// <summary>When it was posted (from its ts).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
