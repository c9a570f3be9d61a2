namespace ChatTriageBot.Storage;

/// <summary>One person's verdict on one triage (helpful or not); a second click replaces the first.</summary>
internal sealed class TriageFeedbackRecord
{
    public long TriageId { get; set; }

    public required string UserId { get; set; }

    public bool Helpful { get; set; }

    public DateTimeOffset At { get; set; }
}
