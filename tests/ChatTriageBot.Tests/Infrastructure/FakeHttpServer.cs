using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) that records every request and can be scripted per route.
/// Subclasses speak one protocol in <see cref="RespondAsync"/>; scripted one-shot answers
/// (<see cref="RespondWith(string, FakeResponse, int)"/>, <see cref="RespondRateLimited(string, int, int)"/>,
/// <see cref="RespondServerError(string, int)"/>, <see cref="RespondSlowly(string, TimeSpan, int)"/>) are used first,
/// in the order they were queued, then the default behaviour applies again.
/// </summary>
/// <remarks>
/// Use <c>await using var fake = new FakeXxxServer(); await fake.StartAsync(ct);</c>, or as an xunit fixture
/// (it implements <see cref="IAsyncLifetime"/>; call <see cref="Reset"/> between tests then).
/// Routes are paths without the query string. A route that does not start with <c>/</c> is relative to the fake's
/// API root (<see cref="RoutePrefix"/>: <c>chat.postMessage</c> on the Slack fake means <c>/api/chat.postMessage</c>),
/// and <see cref="AnyRoute"/> matches every request.
/// </remarks>
public abstract class FakeHttpServer : IAsyncLifetime
{
    /// <summary>The route that matches every request.</summary>
    public const string AnyRoute = "*";

    /// <summary>Default time <see cref="WaitForRequestAsync"/> waits.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<(Func<RecordedRequest, bool> Predicate, TaskCompletionSource<RecordedRequest> Done)> waiters = [];
    private readonly Dictionary<string, Queue<ScriptedStep>> scripts = new(StringComparer.Ordinal);
    private readonly List<HeldRequest> holds = [];
    private readonly CancellationTokenSource stopping = new();
    private WebApplication? app;
    private Uri? baseAddress;
    private long sequence;

    /// <summary>Root of the server, e.g. <c>http://127.0.0.1:41234/</c>. Throws before <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress => baseAddress ?? throw new InvalidOperationException($"{GetType().Name} is not started: call StartAsync first.");

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Prefix of relative routes, e.g. <c>/api/</c>.</summary>
    protected virtual string RoutePrefix => "/";

    /// <summary>Starts listening on a free port of 127.0.0.1.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (app is not null)
        {
            throw new InvalidOperationException($"{GetType().Name} is already started.");
        }

        // No configuration file watcher: each would hold one of the user's inotify instances (128 by default), which
        // tests running in parallel, three fake servers each, use up.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var built = builder.Build();
        Configure(built);
        built.Run(HandleAsync);
        await built.StartAsync(cancellationToken);
        var address = built.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        baseAddress = new Uri(address.TrimEnd('/') + "/");
        app = built;
    }

    /// <summary>Queues <paramref name="response"/> for the next <paramref name="times"/> requests to <paramref name="route"/>.</summary>
    public void RespondWith(string route, FakeResponse response, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(response);
        Enqueue(route, _ => response, TimeSpan.Zero, times);
    }

    /// <summary>Queues an answer computed from the request for the next <paramref name="times"/> requests to <paramref name="route"/>.</summary>
    public void RespondWith(string route, Func<RecordedRequest, FakeResponse> respond, int times = 1) =>
        Enqueue(route, respond, TimeSpan.Zero, times);

    /// <summary>Queues the protocol's rate-limit answer (HTTP 429 with <c>Retry-After</c> unless the protocol differs).</summary>
    public void RespondRateLimited(string route, int retryAfterSeconds = 1, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        Enqueue(route, _ => RateLimited(retryAfterSeconds), TimeSpan.Zero, times);
    }

    /// <summary>Queues the protocol's HTTP 500 answer.</summary>
    public void RespondServerError(string route, int times = 1) => Enqueue(route, _ => ServerError(), TimeSpan.Zero, times);

    /// <summary>
    /// Delays the next <paramref name="times"/> requests to <paramref name="route"/>; each is then answered by the next
    /// scripted answer, or by the default one when none is queued.
    /// </summary>
    public void RespondSlowly(string route, TimeSpan delay, int times = 1) => Enqueue(route, null, delay, times);

    /// <summary>Every request is answered this much later (a slow far side), on top of any scripted delay.</summary>
    public TimeSpan Slowness { get; set; }

    /// <summary>
    /// Holds the next request that matches <paramref name="predicate"/>: before the fake acts on it
    /// (<see cref="HoldPoint.BeforeEffect"/>: nothing it asks for has happened) or after acting on it and before answering
    /// (<see cref="HoldPoint.AfterEffect"/>: it happened, the caller does not know). <see cref="HeldRequest.Arrived"/>
    /// completes when it comes; it stays held until <see cref="HeldRequest.Release"/> or until the caller goes away (a
    /// killed process), when nothing is answered.
    /// </summary>
    public HeldRequest Hold(Func<RecordedRequest, bool> predicate, HoldPoint point)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var held = new HeldRequest(predicate, point);
        lock (gate)
        {
            holds.Add(held);
        }

        return held;
    }

    /// <summary>
    /// Returns the first request (already received or still to come) that matches <paramref name="predicate"/>;
    /// throws <see cref="TimeoutException"/> listing what was received when none arrives within <paramref name="timeout"/>
    /// (default 5 s). The request is recorded before its answer is sent.
    /// </summary>
    public async Task<RecordedRequest> WaitForRequestAsync(
        Func<RecordedRequest, bool> predicate,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var done = new TaskCompletionSource<RecordedRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var found = requests.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            waiters.Add((predicate, done));
        }

        var limit = timeout ?? DefaultWaitTimeout;
        try
        {
            return await done.Task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            var received = Requests;
            throw new TimeoutException(
                $"{GetType().Name}: no matching request within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. "
                + $"Received {received.Count}: {(received.Count == 0 ? "nothing" : string.Join(", ", received))}.");
        }
        finally
        {
            lock (gate)
            {
                waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    /// <summary>Forgets recorded requests and unused scripted answers (for fixtures shared by several tests).</summary>
    public virtual void Reset()
    {
        lock (gate)
        {
            requests.Clear();
            scripts.Clear();
            holds.Clear();
        }
    }

    ValueTask IAsyncLifetime.InitializeAsync() => new(StartAsync(TestContext.Current.CancellationToken));

    /// <summary>Stops the server at once; slow answers still pending are abandoned.</summary>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    protected virtual async ValueTask DisposeAsyncCore()
    {
        await stopping.CancelAsync();
        if (app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await app.StopAsync(timeout.Token);
            await app.DisposeAsync();
            app = null;
        }

        stopping.Dispose();
    }

    /// <summary>The protocol's default answer to a request no script applies to.</summary>
    protected abstract ValueTask<FakeResponse> RespondAsync(RecordedRequest request, HttpContext context, CancellationToken cancellationToken);

    /// <summary>Adds middleware or endpoints that run before the recording handler (e.g. a WebSocket endpoint).</summary>
    protected virtual void Configure(WebApplication application)
    {
    }

    /// <summary>The answer of <see cref="RespondRateLimited"/>.</summary>
    protected virtual FakeResponse RateLimited(int retryAfterSeconds) =>
        FakeResponse.Text("rate limited", 429).WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>The answer of <see cref="RespondServerError"/>.</summary>
    protected virtual FakeResponse ServerError() => FakeResponse.Text("internal server error", 500);

    /// <summary>Queues a one-shot step: <paramref name="respond"/> null means "the default answer", after <paramref name="delay"/>.</summary>
    protected void Enqueue(string route, Func<RecordedRequest, FakeResponse>? respond, TimeSpan delay, int times = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(route);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var key = ResolveRoute(route);
        lock (gate)
        {
            if (!scripts.TryGetValue(key, out var queue))
            {
                scripts[key] = queue = new Queue<ScriptedStep>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(new ScriptedStep(respond, delay));
            }
        }
    }

    /// <summary>Turns a route as given to the Respond* helpers into a path.</summary>
    protected string ResolveRoute(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route == AnyRoute || route.StartsWith('/') ? route : RoutePrefix + route;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
        var cancellationToken = linked.Token;
        try
        {
            var request = await ReadAsync(context.Request, cancellationToken);
            // A hold is taken with the request's record, so no other request can slip past it; a request held before it
            // takes effect takes no scripted answer until it is let go.
            var held = Record(request);
            if (held is { Point: HoldPoint.BeforeEffect })
            {
                await held.WaitAsync(request, cancellationToken);
            }

            var step = TakeScript(request.Path);

            if (Slowness > TimeSpan.Zero)
            {
                await Task.Delay(Slowness, cancellationToken);
            }

            while (step is { Respond: null })
            {
                // A delay-only step (RespondSlowly): wait, then the next scripted step or the default answer applies.
                await Task.Delay(step.Delay, cancellationToken);
                step = TakeScript(request.Path);
            }

            FakeResponse response;
            try
            {
                response = step?.Respond?.Invoke(request) ?? await RespondAsync(request, context, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                response = FakeResponse.Text($"{GetType().Name} failed to answer {request}: {exception}", 500);
            }

            if (held is { Point: HoldPoint.AfterEffect })
            {
                await held.WaitAsync(request, cancellationToken);
            }

            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, cancellationToken);
            }

            await WriteAsync(context.Response, response, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up or the fake is stopping: nothing left to answer.
        }
    }

    private async Task<RecordedRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        return new RecordedRequest(
            Interlocked.Increment(ref sequence),
            request.Method.ToUpperInvariant(),
            request.Path.Value ?? "/",
            request.QueryString.Value ?? string.Empty,
            headers,
            body.ToArray(),
            TimeProvider.System.GetUtcNow());
    }

    private HeldRequest? Record(RecordedRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
            foreach (var waiter in waiters.Where(w => w.Predicate(request)).ToList())
            {
                waiter.Done.TrySetResult(request);
                waiters.Remove(waiter);
            }

            var held = holds.FirstOrDefault(h => h.Matches(request));
            if (held is not null)
            {
                holds.Remove(held);
            }

            return held;
        }
    }

    private ScriptedStep? TakeScript(string path)
    {
        lock (gate)
        {
            foreach (var key in new[] { path, AnyRoute })
            {
                if (scripts.TryGetValue(key, out var queue) && queue.TryDequeue(out var step))
                {
                    return step;
                }
            }

            return null;
        }
    }

    private static async Task WriteAsync(HttpResponse response, FakeResponse answer, CancellationToken cancellationToken)
    {
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        if (answer.ContentType is not null)
        {
            response.ContentType = answer.ContentType;
        }

        if (!answer.Body.IsEmpty)
        {
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body, cancellationToken);
        }
    }

    private sealed record ScriptedStep(Func<RecordedRequest, FakeResponse>? Respond, TimeSpan Delay);
}
