using System.ClientModel;
using System.Text.Json;
using ChatTriageBot.Hosting;
using ChatTriageBot.Llm;
using Microsoft.Extensions.AI;
using OpenAIChat = OpenAI.Chat;

namespace ChatTriageBot.Triage;

/// <summary>Asks the diagnosis model for a structured answer (strict JSON schema) and reads it back, checking its shape.</summary>
public sealed class DiagnosisService(ChatClients clients, TimeProvider timeProvider)
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
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(DiagnosisSchema.Element, DiagnosisSchema.Name),
            MaxOutputTokens = clients.Options.MaxOutputTokens,
            // Microsoft.Extensions.AI does not send "strict": true by itself; the raw OpenAI options do.
            RawRepresentationFactory = _ => new OpenAIChat.ChatCompletionOptions
            {
                ResponseFormat = OpenAIChat.ChatResponseFormat.CreateJsonSchemaFormat(
                    DiagnosisSchema.Name, BinaryData.FromString(DiagnosisSchema.Json), jsonSchemaIsStrict: true),
            },
        };

        var started = timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (ClientResultException exception)
        {
            throw new ModelException($"The model API answered HTTP {exception.Status}: {Shorten(exception.Message)}", exception)
            {
                IsTransient = exception.Status is 0 or 408 or 409 or 429 or >= 500,
            };
        }
        catch (Exception exception) when (exception is AggregateException or TaskCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelException($"The model API could not be reached or timed out: {Shorten(exception.GetBaseException().Message)}", exception);
        }

        var elapsed = timeProvider.GetElapsedTime(started).TotalMilliseconds;
        var usage = new ModelUsage(
            response.ModelId ?? clients.Options.Model,
            response.Usage?.InputTokenCount ?? 0,
            response.Usage?.CachedInputTokenCount ?? 0,
            response.Usage?.OutputTokenCount ?? 0,
            elapsed);
        return new DiagnosisRun(Parse(response.Text), usage);
    }

    /// <summary>Reads the model's JSON; an answer that does not fit the schema is a clear error, never a crash.</summary>
    internal static Diagnosis Parse(string text)
    {
        Diagnosis? diagnosis;
        try
        {
            diagnosis = JsonSerializer.Deserialize(StripFence(text), AppJsonContext.Default.Diagnosis);
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

    // Some OpenAI-compatible servers wrap JSON in a Markdown fence even when asked for a schema.
    private static string StripFence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstLine > 0 && lastFence > firstLine ? trimmed[(firstLine + 1)..lastFence].Trim() : trimmed;
    }

    private static string Shorten(string message) => message.Length <= 300 ? message : message[..300] + "…";
}
