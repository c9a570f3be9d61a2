using System.Text.Json;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>Asks the diagnosis model for a structured answer (strict JSON schema) and reads it back, checking its shape.</summary>
internal sealed class DiagnosisService(ChatClients clients, TimeProvider timeProvider)
{
    public bool IsAvailable => clients.IsConfigured;

    /// <summary>The diagnosis model's name.</summary>
    public string Model => clients.Options.Model;

    /// <summary>The most output tokens one diagnosis may use (the worst case a cost estimate must allow for).</summary>
    public int MaxOutputTokens => clients.Options.MaxOutputTokens;

    /// <summary>
    /// The input tokens of the request <see cref="DiagnoseAsync"/> would send, counted with the model's tokenizer: the
    /// messages, the schema, and a few tokens of framing per message.
    /// </summary>
    public int CountInputTokens(string instruction, string customerReport, IReadOnlyList<PromptSection> sections, string? earlierDiagnosis)
    {
        var counter = new TokenCounter(clients.Options.Model);
        var messages = DiagnosisPrompt.Build(instruction, customerReport, sections, earlierDiagnosis);
        return messages.Sum(m => counter.Count(m.Text) + 4) + counter.Count(DiagnosisSchema.Json) + 3;
    }

    public async Task<DiagnosisRun> DiagnoseAsync(
        string instruction,
        string customerReport,
        IReadOnlyList<PromptSection> sections,
        string? earlierDiagnosis,
        CancellationToken cancellationToken)
    {
        var client = clients.Diagnosis ?? throw new ModelException("No model is configured (OpenAI__ApiKey is not set).") { IsTransient = false };
        var messages = DiagnosisPrompt.Build(instruction, customerReport, sections, earlierDiagnosis);
        var (text, usage) = await StructuredCall.RunAsync(
            client, messages, DiagnosisSchema.Name, DiagnosisSchema.Json, clients.Options.Model, clients.Options.MaxOutputTokens, timeProvider, cancellationToken);
        return new DiagnosisRun(Parse(text), usage);
    }

    /// <summary>Reads the model's JSON; an answer that does not fit the schema is a clear error, never a crash.</summary>
    internal static Diagnosis Parse(string text)
    {
        Diagnosis? diagnosis;
        try
        {
            diagnosis = JsonSerializer.Deserialize(text, LlmJsonContext.Default.Diagnosis);
        }
        catch (JsonException exception)
        {
            throw new ModelException($"The model's answer did not match the diagnosis schema: {Shorten(exception.Message)}", exception);
        }

        if (diagnosis is null || string.IsNullOrWhiteSpace(diagnosis.Summary))
        {
            throw new ModelException("The model's answer had no summary.");
        }

        return diagnosis with
        {
            Kind = DiagnosisKinds.All.Contains(diagnosis.Kind) ? diagnosis.Kind : DiagnosisKinds.Bug,
            Severity = diagnosis.Severity is "low" or "medium" or "high" or "critical" ? diagnosis.Severity : "medium",
            Confidence = Math.Clamp(double.IsFinite(diagnosis.Confidence) ? diagnosis.Confidence : 0, 0, 1),
            Fixability = Math.Clamp(double.IsFinite(diagnosis.Fixability) ? diagnosis.Fixability : 0, 0, 1),
            Evidence = diagnosis.Evidence ?? [],
            NextSteps = diagnosis.NextSteps ?? [],
            QuestionsForReporter = diagnosis.QuestionsForReporter ?? [],
        };
    }

    private static string Shorten(string message) => StructuredCall.Shorten(message);
}
