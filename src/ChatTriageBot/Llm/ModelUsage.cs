namespace ChatTriageBot.Llm;

/// <summary>What one model call consumed, as the API reported it.</summary>
internal sealed record ModelUsage(string Model, long InputTokens, long CachedInputTokens, long OutputTokens, double ElapsedMs);
