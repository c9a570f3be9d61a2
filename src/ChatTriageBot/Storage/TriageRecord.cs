namespace ChatTriageBot.Storage;

/// <summary>One triage: a request in a Slack thread (or from the command line) and what the bot answered.</summary>
internal sealed class TriageRecord
{
    public long Id { get; set; }

    /// <summary><c>slack</c> or <c>cli</c>.</summary>
    public required string Source { get; set; }

    public string? TeamId { get; set; }

    public string? Channel { get; set; }

    /// <summary>The thread the bot answers in (the support message's ts).</summary>
    public string? ThreadTs { get; set; }

    /// <summary>The message that mentioned the bot.</summary>
    public string? MentionTs { get; set; }

    public string? RequestedBy { get; set; }

    public string? Repository { get; set; }

    public string? Commit { get; set; }

    public TriageStatus Status { get; set; } = TriageStatus.Queued;

    /// <summary>The bot's message in the thread, updated in place as stages finish.</summary>
    public string? ReplyTs { get; set; }

    /// <summary>The rendered result (JSON of the triage report).</summary>
    public string? ResultJson { get; set; }

    /// <summary>What was sent to the model: files, ranges, token counts, what was left out and why.</summary>
    public string? ManifestJson { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// A MinHash signature of the (redacted) customer text, to notice a new request very like an earlier one. The
    /// text itself is not stored.
    /// </summary>
    public string? Fingerprint { get; set; }

    /// <summary>The earlier triage this one reused instead of calling the model, or was offered.</summary>
    public long? SimilarToId { get; set; }

    /// <summary>The finished diagnosis' kind (<c>bug</c>, <c>question</c>, ...) and severity, for reports; null until then.</summary>
    public string? Kind { get; set; }

    public string? Severity { get; set; }

    /// <summary>From the request to the answer, in milliseconds (the digest's slowest triages); null until answered.</summary>
    public long? AnswerMs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
