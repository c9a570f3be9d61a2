namespace ChatTriageBot.Llm;

/// <summary>Bound from the <c>OpenAI</c> section. Without an API key the bot runs offline: retrieval only, no model call.</summary>
internal sealed class LlmOptions
{
    public const string Section = "OpenAI";

    public string? ApiKey { get; set; }

    /// <summary>Base URL of any OpenAI-compatible chat-completions API, ending in <c>/v1</c>; empty means OpenAI itself.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model for diagnoses.</summary>
    public string Model { get; set; } = "gpt-4.1-mini";

    /// <summary>Model for patches; defaults to <see cref="Model"/>.</summary>
    public string? FixModel { get; set; }

    /// <summary>Per attempt.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Retries with exponential backoff (0.8 s, 1.6 s, 3.2 s, ...), honouring Retry-After.</summary>
    public int MaxRetries { get; set; } = 3;

    public int MaxOutputTokens { get; set; } = 4000;

    /// <summary>Token budget for the code sent with a diagnosis request.</summary>
    public int ContextTokens { get; set; } = 16000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    public string EffectiveFixModel => string.IsNullOrWhiteSpace(FixModel) ? Model : FixModel;
}
