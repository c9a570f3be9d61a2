using ChatTriageBot.Costs;
using ChatTriageBot.Llm;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace ChatTriageBot.Tests.Costs;

/// <summary>
/// The ledger's decorator around the real model clients (the OpenAI SDK against the fake chat-completions server): a
/// call is recorded as the model answers, with the tokens the API reported and whom the call was for.
/// </summary>
public sealed class CostTrackingChatClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeOpenAIServer _openai = new();
    private LedgerServices _ledger = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _openai.StartAsync(Ct);
        _ledger = await LedgerServices.StartAsync(
            Now,
            new()
            {
                ["OpenAI:ApiKey"] = "sk-test",
                ["OpenAI:Endpoint"] = _openai.BaseUrl.ToString(),
                ["OpenAI:Model"] = "gpt-4.1-mini",
                ["OpenAI:MaxRetries"] = "0",
            },
            services => services.AddCosts());
    }

    public async ValueTask DisposeAsync()
    {
        await _ledger.DisposeAsync();
        await _openai.DisposeAsync();
    }

    [Fact]
    public async Task ACall_IsRecordedWithTheTokensTheApiReported_ThePriceAndWhomItWasFor()
    {
        _openai.EnqueueCompletion("{}", promptTokens: 2400, completionTokens: 380, cachedTokens: 1024, reasoningTokens: 64, id: "chatcmpl-abc123");

        using (UsageScope.Begin(new UsageTag(UsageOperations.FollowUp, null, "U0ENGINEER", "C0SUPPORT", "acme/shop")))
        {
            await Client().GetResponseAsync("why?", cancellationToken: Ct);
        }

        await using var db = _ledger.Db();
        var call = await db.ModelUsage.SingleAsync(Ct);
        Assert.Equal(("chatcmpl-abc123", "follow-up", "gpt-4.1-mini"), (call.ResponseId, call.Operation, call.Model));
        Assert.Equal((2400L, 1024L, 380L, 64L), (call.InputTokens, call.CachedInputTokens, call.OutputTokens, call.ReasoningTokens));
        Assert.Equal(("U0ENGINEER", "C0SUPPORT", "acme/shop"), (call.UserId, call.Channel, call.Repository));

        // gpt-4.1-mini: 1,376 fresh × $0.40 + 1,024 cached × $0.10 + 380 out × $1.60 per million = 1,260.8 millionths.
        Assert.Equal(1_261, call.CostMicros);
        Assert.True(call.Priced);
        Assert.Equal(Now, call.CreatedAt);
        Assert.Null(_ledger.Get<ModelHealth>().Last!.Error);
    }

    [Fact]
    public async Task ACallWhoseCallerFailsRightAfter_IsStillRecorded()
    {
        _openai.EnqueueCompletion("{}", promptTokens: 100, completionTokens: 10);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using (UsageScope.Begin(new UsageTag(UsageOperations.Diagnosis, null, "U1", "C1", "acme/shop")))
            {
                await Client().GetResponseAsync("why?", cancellationToken: Ct);
                throw new InvalidOperationException("the job crashed after the model answered");
            }
        });

        await using var db = _ledger.Db();
        Assert.Equal(100, (await db.ModelUsage.SingleAsync(Ct)).InputTokens);
    }

    [Fact]
    public async Task TheSameAnswerRecordedTwice_IsOneRow_AndAnUntaggedCallIsStillCounted()
    {
        _openai.EnqueueCompletion("{}", promptTokens: 100, completionTokens: 10, id: "chatcmpl-same");
        _openai.EnqueueCompletion("{}", promptTokens: 100, completionTokens: 10, id: "chatcmpl-same");

        await Client().GetResponseAsync("once", cancellationToken: Ct);
        await Client().GetResponseAsync("again", cancellationToken: Ct);

        await using var db = _ledger.Db();
        var call = await db.ModelUsage.SingleAsync(Ct);
        Assert.Equal(("chatcmpl-same", UsageOperations.Other), (call.ResponseId, call.Operation));
        Assert.Equal(2, _openai.CompletionRequests.Count);
    }

    [Fact]
    public async Task AFailedCall_IsNotInTheLedger_AndItsErrorIsKeptForTheStatus()
    {
        _openai.RespondError(401, "Incorrect API key provided.", code: "invalid_api_key");

        await Assert.ThrowsAnyAsync<Exception>(() => Client().GetResponseAsync("why?", cancellationToken: Ct));

        await using var db = _ledger.Db();
        Assert.Empty(await db.ModelUsage.ToListAsync(Ct));
        var last = _ledger.Get<ModelHealth>().Last!;
        Assert.Equal("gpt-4.1-mini", last.Model);
        Assert.StartsWith("HTTP 401", last.Error, StringComparison.Ordinal);
    }

    private IChatClient Client() => _ledger.Get<ChatClients>().Diagnosis!;
}
