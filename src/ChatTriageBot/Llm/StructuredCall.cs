using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAIChat = OpenAI.Chat;

namespace ChatTriageBot.Llm;

/// <summary>
/// One chat-completions call that must answer in a strict JSON schema, with the API's failures turned into
/// <see cref="ModelException"/> (transient or not) and the usage the API reported.
/// </summary>
internal static class StructuredCall
{
    public static async Task<(string Text, ModelUsage Usage)> RunAsync(
        IChatClient client,
        IList<ChatMessage> messages,
        string schemaName,
        string schemaJson,
        string model,
        int maxOutputTokens,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(System.Text.Json.JsonDocument.Parse(schemaJson).RootElement.Clone(), schemaName),
            MaxOutputTokens = maxOutputTokens,
            // Microsoft.Extensions.AI does not send "strict": true by itself; the raw OpenAI options do.
            RawRepresentationFactory = _ => new OpenAIChat.ChatCompletionOptions
            {
                ResponseFormat = OpenAIChat.ChatResponseFormat.CreateJsonSchemaFormat(schemaName, BinaryData.FromString(schemaJson), jsonSchemaIsStrict: true),
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
            LlmMetrics.Failed(model, exception.Status == 429 ? "ratelimited" : $"http_{exception.Status}");
            throw new ModelException($"The model API answered HTTP {exception.Status}: {Shorten(exception.Message)}", exception)
            {
                IsTransient = exception.Status is 0 or 408 or 409 or 429 or >= 500,
                PlainReason = exception.Status switch
                {
                    429 => "the model's provider is rate-limiting the bot (too many requests or tokens); try again in a few minutes.",
                    401 or 403 => "the model's provider refused the bot's key (an operator should check OpenAI__ApiKey).",
                    404 => "the model's provider does not know the configured model (an operator should check OpenAI__Model).",
                    400 when exception.Message.Contains("context_length", StringComparison.OrdinalIgnoreCase) =>
                        "the request was longer than the model can read (its context window); an operator can lower OpenAI__ContextTokens.",
                    >= 500 => "the model's provider had an error; try again in a few minutes.",
                    _ => "the model's provider refused the request.",
                },
            };
        }
        catch (Exception exception) when (exception is AggregateException or TaskCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            LlmMetrics.Failed(model, exception.GetBaseException() is TimeoutException or TaskCanceledException ? "timeout" : "network");
            throw new ModelException($"The model API could not be reached or timed out: {Shorten(exception.GetBaseException().Message)}", exception)
            {
                PlainReason = "the model's provider did not answer in time; try again in a few minutes.",
            };
        }

        LlmMetrics.Answered(model);

        var usage = new ModelUsage(
            response.ModelId ?? model,
            response.Usage?.InputTokenCount ?? 0,
            response.Usage?.CachedInputTokenCount ?? 0,
            response.Usage?.OutputTokenCount ?? 0,
            timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return (StripFence(response.Text), usage);
    }

    public static string Shorten(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Length <= 300 ? message : message[..300] + "…";
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
}
