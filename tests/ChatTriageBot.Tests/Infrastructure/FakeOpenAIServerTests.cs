using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace ChatTriageBot.Tests.Infrastructure;

public sealed class FakeOpenAIServerTests : IAsyncLifetime
{
    private const string Model = "gpt-4o-mini";

    private readonly FakeOpenAIServer openAI = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await openAI.StartAsync(Ct);

    public async ValueTask DisposeAsync() => await openAI.DisposeAsync();

    [Fact]
    public void BaseUrl_AfterStart_EndsWithV1()
    {
        Assert.Equal($"http://127.0.0.1:{openAI.BaseAddress.Port}/v1", openAI.BaseUrl.AbsoluteUri);
    }

    [Fact]
    public async Task ChatClient_ScriptedCompletion_ReturnsContentAndUsageAndRecordsRequest()
    {
        openAI.EnqueueCompletion("""{"summary":"null ref"}""", promptTokens: 1200, completionTokens: 45, cachedTokens: 1024);
        var schema = BinaryData.FromString("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"],"additionalProperties":false}""");

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync(
            [new SystemChatMessage("You triage bug reports."), new UserChatMessage("It crashes")],
            new ChatCompletionOptions { ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat("triage", schema, jsonSchemaIsStrict: true) },
            Ct);

        Assert.Equal("""{"summary":"null ref"}""", completion.Content[0].Text);
        Assert.Equal(1200, completion.Usage.InputTokenCount);
        Assert.Equal(45, completion.Usage.OutputTokenCount);
        Assert.Equal(1024, completion.Usage.InputTokenDetails?.CachedTokenCount);
        Assert.Equal(OpenAI.Chat.ChatFinishReason.Stop, completion.FinishReason);
        var request = Assert.Single(openAI.CompletionRequests);
        Assert.Equal(Model, request.Model);
        Assert.Equal("test-key", request.ApiKey);
        Assert.Equal(["system: You triage bug reports.", "user: It crashes"], request.MessageTexts);
        Assert.Equal("json_schema", request.ResponseFormat?.GetProperty("type").GetString());
        Assert.True(request.ResponseFormat?.GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public async Task AsIChatClient_ScriptedCompletion_ReturnsTextAndUsage()
    {
        openAI.EnqueueCompletion("hello from the fake", promptTokens: 30, completionTokens: 4, cachedTokens: 16);
        using var client = CreateChatClient().AsIChatClient();

        var response = await client.GetResponseAsync("Say hello", cancellationToken: Ct);

        Assert.Equal("hello from the fake", response.Text);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(4, response.Usage?.OutputTokenCount);
        Assert.Equal(16, response.Usage?.CachedInputTokenCount);
        Assert.Equal(["user: Say hello"], (await openAI.WaitForCompletionRequestAsync(cancellationToken: Ct)).MessageTexts);
    }

    [Fact]
    public async Task ChatClient_RateLimitedThenCompletion_SdkRetriesAndSucceeds()
    {
        openAI.RespondRateLimited(retryAfterSeconds: 0);
        openAI.EnqueueCompletion("after retry");

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct);

        Assert.Equal("after retry", completion.Content[0].Text);
        Assert.Equal(2, openAI.CompletionRequests.Count);
    }

    [Fact]
    public async Task ChatClient_ServerErrorWithoutRetries_ThrowsClientResultException500()
    {
        openAI.RespondServerError();
        var client = CreateChatClient(new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));

        Assert.Equal(500, error.Status);
    }

    [Fact]
    public async Task ChatClient_NothingScripted_FailsOnceSayingNoCompletionScripted()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => CreateChatClient().CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));

        Assert.Equal(501, error.Status);
        Assert.Contains("no completion scripted", error.Message, StringComparison.Ordinal);
        Assert.Single(openAI.Requests);
    }

    [Fact]
    public async Task ChatClient_DefaultContentSet_AnswersUnscriptedRequests()
    {
        openAI.DefaultContent = "default answer";

        ChatCompletion completion = await CreateChatClient().CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct);

        Assert.Equal("default answer", completion.Content[0].Text);
    }

    [Fact]
    public async Task ChatClient_WrongApiKey_ThrowsClientResultException401()
    {
        openAI.ExpectedApiKey = "the-right-key";

        var error = await Assert.ThrowsAsync<ClientResultException>(
            () => CreateChatClient().CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task ChatClient_SlowAnswerBeyondNetworkTimeout_IsCancelled()
    {
        openAI.RespondSlowly(TimeSpan.FromSeconds(10));
        openAI.EnqueueCompletion("too late");
        var client = CreateChatClient(new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromMilliseconds(200) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: Ct));
    }

    private ChatClient CreateChatClient(OpenAIClientOptions? options = null)
    {
        options ??= new OpenAIClientOptions();
        options.Endpoint = openAI.BaseUrl;
        return new ChatClient(Model, new ApiKeyCredential("test-key"), options);
    }
}
