using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// OpenAI's chat-completions API at <see cref="BaseUrl"/> (<c>http://127.0.0.1:PORT/v1</c>, usable as
/// <c>OpenAI__Endpoint</c> and as <c>OpenAIClientOptions.Endpoint</c>). Answers are scripted in order with
/// <see cref="EnqueueCompletion"/>, <see cref="RespondRateLimited(int, int)"/>, <see cref="RespondServerError(int)"/>,
/// <see cref="RespondError"/> and <see cref="RespondSlowly(TimeSpan, int)"/>.
/// </summary>
/// <remarks>
/// With nothing scripted it answers <see cref="DefaultContent"/> when set, otherwise HTTP 501 with an OpenAI error whose
/// message says "no completion scripted" (501 is not retried by the SDK, so the test fails at once and reads plainly).
/// Mind the SDK's default retry policy: it retries 429/500/502/503/504 up to three times, honouring Retry-After.
/// </remarks>
public sealed class FakeOpenAIServer : FakeHttpServer
{
    /// <summary>The path the SDK posts chat completions to.</summary>
    public const string CompletionsPath = "/v1/chat/completions";

    private long completionCounter;

    /// <summary><c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => new(BaseAddress, "v1");

    /// <summary>The API key expected in <c>Authorization: Bearer</c>; null (the default) accepts any key.</summary>
    public string? ExpectedApiKey { get; set; }

    /// <summary>Content of the answer when nothing is scripted; null (the default) makes unscripted requests fail with 501.</summary>
    public string? DefaultContent { get; set; }

    /// <summary>Every chat-completions request received, in order.</summary>
    public IReadOnlyList<ChatCompletionRequest> CompletionRequests =>
        [.. Requests.Where(r => r.Path == CompletionsPath).Select(r => new ChatCompletionRequest(r.JsonBody(), r))];

    protected override string RoutePrefix => "/v1/";

    /// <summary>
    /// Queues one successful <c>chat.completion</c> with this assistant <paramref name="content"/> and usage
    /// (<c>prompt_tokens_details.cached_tokens</c> = <paramref name="cachedTokens"/>). The answer echoes the request's model;
    /// its id is <paramref name="id"/> when given (a server or proxy that repeats an answer), else a new one.
    /// </summary>
    public void EnqueueCompletion(string content, int promptTokens = 10, int completionTokens = 5, int cachedTokens = 0, int reasoningTokens = 0, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        RespondWith(CompletionsPath, request => FakeResponse.Json(Completion(request, content, promptTokens, completionTokens, cachedTokens, reasoningTokens, id)));
    }

    /// <summary>Queues an OpenAI-shaped error <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public void RespondError(int statusCode, string message, string type = "invalid_request_error", string? code = null, int times = 1) =>
        RespondWith(CompletionsPath, FakeResponse.Json(ErrorBody(message, type, code), statusCode), times);

    /// <summary>Queues HTTP 429 with <c>Retry-After</c> (seconds; 0 lets the SDK retry at once) and a rate-limit error body.</summary>
    public void RespondRateLimited(int retryAfterSeconds = 0, int times = 1) => RespondRateLimited(CompletionsPath, retryAfterSeconds, times);

    /// <summary>Queues HTTP 500 with a <c>server_error</c> body.</summary>
    public void RespondServerError(int times = 1) => RespondServerError(CompletionsPath, times);

    /// <summary>Delays the next answers by <paramref name="delay"/> (then the next scripted or default answer applies).</summary>
    public void RespondSlowly(TimeSpan delay, int times = 1) => RespondSlowly(CompletionsPath, delay, times);

    /// <summary>Waits for the first chat-completions request that matches (any when <paramref name="predicate"/> is null).</summary>
    public async Task<ChatCompletionRequest> WaitForCompletionRequestAsync(
        Func<ChatCompletionRequest, bool>? predicate = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var request = await WaitForRequestAsync(
            r => r.Path == CompletionsPath && (predicate is null || predicate(new ChatCompletionRequest(r.JsonBody(), r))),
            timeout,
            cancellationToken);
        return new ChatCompletionRequest(request.JsonBody(), request);
    }

    protected override FakeResponse RateLimited(int retryAfterSeconds) =>
        FakeResponse.Json(ErrorBody("Rate limit reached for requests (FakeOpenAIServer, scripted).", "requests", "rate_limit_exceeded"), StatusCodes.Status429TooManyRequests)
            .WithHeader(HeaderNames.RetryAfter, retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    protected override FakeResponse ServerError() =>
        FakeResponse.Json(ErrorBody("The server had an error while processing your request (FakeOpenAIServer, scripted).", "server_error", "server_error"), StatusCodes.Status500InternalServerError);

    protected override ValueTask<FakeResponse> RespondAsync(RecordedRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Path != CompletionsPath || request.Method != HttpMethods.Post)
        {
            return ValueTask.FromResult(FakeResponse.Json(
                ErrorBody($"FakeOpenAIServer serves only POST {CompletionsPath}, not {request.Method} {request.Path}.", "invalid_request_error", "unknown_url"),
                StatusCodes.Status404NotFound));
        }

        if (ExpectedApiKey is not null && request.Authorization != "Bearer " + ExpectedApiKey)
        {
            return ValueTask.FromResult(FakeResponse.Json(
                ErrorBody("Incorrect API key provided (FakeOpenAIServer).", "invalid_request_error", "invalid_api_key"),
                StatusCodes.Status401Unauthorized));
        }

        if (DefaultContent is null)
        {
            return ValueTask.FromResult(FakeResponse.Json(
                ErrorBody(
                    $"FakeOpenAIServer: no completion scripted for request {request} (call EnqueueCompletion or set DefaultContent).",
                    "fake_server_error",
                    "no_completion_scripted"),
                StatusCodes.Status501NotImplemented));
        }

        return ValueTask.FromResult(FakeResponse.Json(Completion(request, DefaultContent, 10, 5, 0, 0, null)));
    }

    private static JsonObject ErrorBody(string message, string type, string? code) => new()
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
    };

    private JsonObject Completion(RecordedRequest request, string content, int promptTokens, int completionTokens, int cachedTokens, int reasoningTokens, string? id)
    {
        string model;
        try
        {
            model = request.JsonBody().TryGetProperty("model", out var m) ? m.GetString() ?? "gpt-4o-mini" : "gpt-4o-mini";
        }
        catch (JsonException)
        {
            model = "gpt-4o-mini";
        }

        var number = Interlocked.Increment(ref completionCounter);
        return new JsonObject
        {
            ["id"] = id ?? $"chatcmpl-fake{number.ToString(CultureInfo.InvariantCulture)}",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000 + number,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = null },
                ["logprobs"] = null,
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
                ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = cachedTokens, ["audio_tokens"] = 0 },
                ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = reasoningTokens, ["audio_tokens"] = 0 },
            },
            ["system_fingerprint"] = "fp_fake",
        };
    }
}
