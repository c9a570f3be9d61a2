using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace ChatTriageBot.Llm;

/// <summary>
/// The model clients: <see cref="IChatClient"/> over the official OpenAI SDK (chat-completions API), with logging and
/// OpenTelemetry as decorators, and whatever other features add (<see cref="IChatClientDecorator"/>). Null when no API
/// key is configured (offline mode).
/// </summary>
internal sealed class ChatClients : IDisposable
{
    private readonly Lazy<IChatClient?> _diagnosis;
    private readonly Lazy<IChatClient?> _fix;

    public ChatClients(IOptions<LlmOptions> options, ILoggerFactory loggerFactory, IEnumerable<IChatClientDecorator> decorators)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        var around = decorators.ToList();
        _diagnosis = new Lazy<IChatClient?>(() => Create(Options, Options.Model, loggerFactory, around));
        _fix = new Lazy<IChatClient?>(() => Create(Options, Options.EffectiveFixModel, loggerFactory, around));
    }

    public LlmOptions Options { get; }

    public bool IsConfigured => Options.IsConfigured;

    public IChatClient? Diagnosis => _diagnosis.Value;

    public IChatClient? Fix => _fix.Value;

    public void Dispose()
    {
        if (_diagnosis.IsValueCreated)
        {
            _diagnosis.Value?.Dispose();
        }

        if (_fix.IsValueCreated)
        {
            _fix.Value?.Dispose();
        }
    }

    private static IChatClient? Create(LlmOptions options, string model, ILoggerFactory loggerFactory, IReadOnlyList<IChatClientDecorator> decorators)
    {
        if (!options.IsConfigured)
        {
            return null;
        }

        var clientOptions = new OpenAIClientOptions
        {
            // The SDK's default retry policy has no backoff at all; this one waits 0.8 s, 1.6 s, 3.2 s ... and honours Retry-After.
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            UserAgentApplicationId = "ChatTriageBot",
        };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            clientOptions.Endpoint = new Uri(options.Endpoint);
        }

        var inner = new OpenAIClient(new ApiKeyCredential(options.ApiKey!), clientOptions).GetChatClient(model).AsIChatClient();
        var builder = new ChatClientBuilder(inner);
        foreach (var decorator in decorators)
        {
            builder.Use(decorator.Decorate);
        }

        return builder
            .UseLogging(loggerFactory)
            .UseOpenTelemetry(loggerFactory, sourceName: "ChatTriageBot.Llm")
            .Build();
    }
}
