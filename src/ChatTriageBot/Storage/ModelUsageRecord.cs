namespace ChatTriageBot.Storage;

/// <summary>One model call: what it consumed and cost, and whom it was for. The ledger behind <c>/triage cost</c>.</summary>
internal sealed class ModelUsageRecord
{
    public long Id { get; set; }

    public long? TriageId { get; set; }

    /// <summary><c>diagnosis</c>, <c>fix</c>, ...</summary>
    public required string Purpose { get; set; }

    public required string Model { get; set; }

    public long InputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long OutputTokens { get; set; }

    /// <summary>US dollars, from the price table at the time of the call.</summary>
    public decimal Cost { get; set; }

    public string? UserId { get; set; }

    public string? Channel { get; set; }

    public string? Repository { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
