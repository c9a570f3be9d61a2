using System.Runtime.CompilerServices;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using Microsoft.Extensions.AI;

namespace ChatTriageBot.Costs;

/// <summary>
/// Records every model call in the usage ledger the moment the model answers, before the answer goes back to the job:
/// tokens as the API reported them, the cost from the price table, the duration, and whom it was for (the
/// <see cref="UsageScope"/> the job set); the tokens and cost are also counted in <see cref="CostsMetrics"/>. A job that
/// crashes after the call cannot lose its record, and a re-run's call is a call of its own (the key is the model's
/// response id). Failures are kept in <see cref="ModelHealth"/>.
/// </summary>
internal sealed class CostTrackingChatClient(
    IChatClient inner,
    UsageLedger ledger,
    PriceTable prices,
    ModelHealth health,
    TimeProvider timeProvider) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            health.Failed(ModelOf(null, options), timeProvider.GetUtcNow(), Describe(exception));
            throw;
        }

        await RecordAsync(response, options, timeProvider.GetElapsedTime(started));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        await RecordAsync(updates.ToChatResponse(), options, timeProvider.GetElapsedTime(started));
    }

    private async Task RecordAsync(ChatResponse response, ChatOptions? options, TimeSpan elapsed)
    {
        var model = ModelOf(response.ModelId, options);
        var now = timeProvider.GetUtcNow();
        health.Answered(model, now);
        var usage = response.Usage;
        var reported = new ModelUsage(model, usage?.InputTokenCount ?? 0, usage?.CachedInputTokenCount ?? 0, usage?.OutputTokenCount ?? 0, elapsed.TotalMilliseconds);
        var cost = prices.Cost(reported);
        var tag = UsageScope.Current;
        long? costMicros = cost is { } usd ? Money.ToMicros(usd) : null;
        await ledger.RecordAsync(new ModelUsageRecord
        {
            // A server that gives no id still had a call made: it gets a key of its own, never one shared with another call.
            ResponseId = response.ResponseId is { Length: > 0 } id ? id : $"local-{Guid.NewGuid():N}",
            TriageId = tag?.TriageId,
            Operation = tag?.Operation ?? UsageOperations.Other,
            Model = model,
            InputTokens = reported.InputTokens,
            CachedInputTokens = reported.CachedInputTokens,
            OutputTokens = reported.OutputTokens,
            ReasoningTokens = usage?.ReasoningTokenCount ?? 0,
            CostMicros = costMicros ?? 0,
            Priced = costMicros is not null,
            DurationMs = (long)elapsed.TotalMilliseconds,
            UserId = tag?.UserId,
            Channel = tag?.Channel,
            Repository = tag?.Repository,
            CreatedAt = now,
        });
        CostsMetrics.Called(reported, costMicros);
    }

    private string ModelOf(string? reported, ChatOptions? options) =>
        reported ?? options?.ModelId ?? this.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";

    /// <summary>What went wrong, in one short line (the status command shows it; it is never a prompt or an answer).</summary>
    private static string Describe(Exception exception)
    {
        var message = exception is System.ClientModel.ClientResultException api
            ? $"HTTP {api.Status}: {api.Message}"
            : exception.GetBaseException().Message;
        message = message.ReplaceLineEndings(" ");
        return message.Length <= 200 ? message : message[..200] + "…";
    }
}
