namespace ChatTriageBot.Storage;

/// <summary>
/// One model call, recorded when the model answered: tokens as the API reported them, what it cost, how long it took,
/// and whom it was for. The ledger behind the spending caps, <c>/triage cost</c> and the digest.
/// </summary>
internal sealed class ModelUsageRecord
{
    public long Id { get; set; }

    /// <summary>
    /// The id the model API gave its answer (<c>chatcmpl-…</c>); unique, so a call is in the ledger once however often
    /// its record is written.
    /// </summary>
    public required string ResponseId { get; set; }

    public long? TriageId { get; set; }

    /// <summary><c>diagnosis</c>, <c>follow-up</c>, <c>fix</c>, <c>revision</c> (or <c>other</c>).</summary>
    public required string Operation { get; set; }

    public required string Model { get; set; }

    public long InputTokens { get; set; }

    /// <summary>Of <see cref="InputTokens"/>, those the API served from its prompt cache.</summary>
    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>Of <see cref="OutputTokens"/>, those a reasoning model spent thinking.</summary>
    public long ReasoningTokens { get; set; }

    /// <summary>US dollars in millionths (exact integer arithmetic; summed in the database), from the price table at the time of the call.</summary>
    public long CostMicros { get; set; }

    /// <summary>False when the model's price was unknown: the call is recorded at 0 and reported as "cost unknown".</summary>
    public bool Priced { get; set; }

    public long DurationMs { get; set; }

    public string? UserId { get; set; }

    public string? Channel { get; set; }

    public string? Repository { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
