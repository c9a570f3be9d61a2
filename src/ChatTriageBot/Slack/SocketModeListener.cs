using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Receives Slack traffic over Socket Mode (when <c>Slack__Mode</c> is SocketMode) and hands it to the same
/// <see cref="SlackDispatcher"/> the HTTP endpoints use. Every envelope is acknowledged on the socket it came in on:
/// events first, before any work (the work runs on a bounded set of tracked tasks, so acks never queue behind
/// handlers and shutdown waits for it); interactions and commands once their handler answered, or at the ack
/// deadline. Each (re)connect asks <c>apps.connections.open</c> for a fresh single-use URL, with jittered
/// exponential backoff (Tier 1). On <c>warning</c>/<c>refresh_requested</c> the replacement opens before the old
/// connection goes; <c>link_disabled</c> and a refused app token stop it for good and are reported by the readiness
/// check. A watchdog replaces a connection the server has been silent on for <see cref="SlackOptions.SocketSilenceSeconds"/>.
/// </summary>
internal sealed class SocketModeListener(
    SlackApiClient slack,
    SlackDispatcher dispatcher,
    SlackFollowUps followUps,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SocketModeListener> logger) : BackgroundService, IHealthCheck
{
    public const string HealthCheckName = "slack-socket-mode";

    internal static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>A connection that lasted this long was healthy: the backoff starts again from the beginning.</summary>
    internal static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    /// <summary>Slack waits 3 s for an ack; interactions and commands answer by then, with or without a payload.</summary>
    internal static readonly TimeSpan AckDeadline = TimeSpan.FromSeconds(2.5);

    private const int MaxMessageBytes = 16 * 1024 * 1024;
    private const int MaxConcurrentEvents = 8;
    private const int MaxConcurrentInteractions = 16;
    private const string Lost = "lost";
    private const string Silent = "silent";
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan[] EventRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly SemaphoreSlim _eventGate = new(MaxConcurrentEvents, MaxConcurrentEvents);
    private readonly SemaphoreSlim _interactionGate = new(MaxConcurrentInteractions, MaxConcurrentInteractions);
    private readonly CancellationTokenSource _dispatchAborted = new();
    private readonly Lock _gate = new();
    private readonly List<SocketModeConnection> _open = [];
    private SocketModeState _state = SocketModeState.Connecting;
    private string _problem = string.Empty;
    private int _failures;
    private int _connectionNumber;
    private long _envelopes;
    private long _acks;
    private long _eventsHandled;
    private long _eventsDuplicate;
    private long _eventsIgnored;
    private long _eventsDropped;
    private long _backoffTicks;

    public SocketModeState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Connections opened so far (each after its own <c>apps.connections.open</c>).</summary>
    public int ConnectionsOpened => Volatile.Read(ref _connectionNumber);

    public long EnvelopesReceived => Interlocked.Read(ref _envelopes);

    public long AcksSent => Interlocked.Read(ref _acks);

    public long EventsHandled => Interlocked.Read(ref _eventsHandled);

    public long EventsDuplicate => Interlocked.Read(ref _eventsDuplicate);

    public long EventsIgnored => Interlocked.Read(ref _eventsIgnored);

    /// <summary>The last wait before a reconnect (zero until one was needed).</summary>
    public TimeSpan LastBackoff => TimeSpan.FromTicks(Interlocked.Read(ref _backoffTicks));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SocketModeState state;
        string problem;
        lock (_gate)
        {
            state = _state;
            problem = _problem;
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = state.ToString(),
            ["connections_opened"] = ConnectionsOpened,
            ["envelopes"] = EnvelopesReceived,
            ["acks"] = AcksSent,
            ["events_handled"] = EventsHandled,
            ["events_duplicate"] = EventsDuplicate,
            ["events_dropped"] = Interlocked.Read(ref _eventsDropped),
        };
        var result = state switch
        {
            SocketModeState.NotUsed => HealthCheckResult.Healthy("Socket Mode is not used (Slack__Mode is Http)", data),
            SocketModeState.Connected => HealthCheckResult.Healthy("Socket Mode connected", data),
            SocketModeState.Connecting => HealthCheckResult.Unhealthy("Socket Mode connecting", data: data),
            SocketModeState.Disabled => HealthCheckResult.Unhealthy(
                "Socket Mode disabled by Slack (link_disabled): turn it back on in the app settings and restart", data: data),
            _ => HealthCheckResult.Unhealthy($"Socket Mode failing: {problem}", data: data),
        };
        return Task.FromResult(result);
    }

    /// <summary>Waits until every envelope handed to a handler so far has been handled (used by shutdown and tests).</summary>
    internal async Task DrainAsync()
    {
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Keys.ToArray());
        }
    }

    public override void Dispose()
    {
        _dispatchAborted.Dispose();
        _eventGate.Dispose();
        _interactionGate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsSocketMode)
        {
            SetState(SocketModeState.NotUsed);
            return;
        }

        try
        {
            await SuperviseAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            SocketModeConnection[] open;
            lock (_gate)
            {
                open = [.. _open];
            }

            foreach (var connection in open)
            {
                await RetireAsync(connection, graceful: true);
            }

            await FinishInFlightAsync();
        }
    }

    /// <summary>Owns the connections: opens one, waits until one needs attention, acts on it. Never fire-and-forget.</summary>
    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var current = await ConnectAsync(stoppingToken);
        while (current is not null)
        {
            var reason = await current.Attention.WaitAsync(stoppingToken);
            var lived = current.ConnectedAt is { } since ? timeProvider.GetElapsedTime(since) : TimeSpan.Zero;
            if (lived >= StableAfter)
            {
                _failures = 0;
            }

            switch (reason)
            {
                case "warning" or "refresh_requested":
                    // Replacement first; the old socket keeps acking whatever still arrives on it until then.
                    SlackLog.SocketRefresh(logger, current.Number, reason);
                    var replacement = await ConnectAsync(stoppingToken);
                    await RetireAsync(current, graceful: true);
                    current = replacement;
                    break;
                case "link_disabled":
                    SlackLog.SocketLinkDisabled(logger, current.Number);
                    SetState(SocketModeState.Disabled);
                    await RetireAsync(current, graceful: true);
                    return;
                case "too_many_websockets":
                    SlackLog.SocketTooMany(logger, current.Number);
                    await RetireAsync(current, graceful: true);
                    _failures++;
                    current = await ConnectAsync(stoppingToken);
                    break;
                default:
                    if (reason == Silent)
                    {
                        SlackLog.SocketSilent(logger, current.Number, current.Silence.TotalSeconds);
                    }
                    else
                    {
                        SlackLog.SocketLost(logger, current.Number, reason);
                    }

                    await RetireAsync(current, graceful: false);
                    _failures++;
                    current = await ConnectAsync(stoppingToken);
                    break;
            }
        }
    }

    /// <summary>Opens a connection, with backoff after failures; null when the token is refused (not retried).</summary>
    private async Task<SocketModeConnection?> ConnectAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (true)
        {
            if (_failures > 0)
            {
                var delay = Backoff(_failures);
                Interlocked.Exchange(ref _backoffTicks, delay.Ticks);
                SlackLog.SocketBackoff(logger, delay.TotalSeconds);
                await Task.Delay(delay, timeProvider, stoppingToken);
            }

            if (!HasOpenConnection())
            {
                SetState(SocketModeState.Connecting);
            }

            SocketModeConnection? connection = null;
            try
            {
                var url = await slack.OpenConnectionAsync(stoppingToken);
                if (settings.SocketDebugReconnects)
                {
                    url = new Uri(url.AbsoluteUri + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + "debug_reconnects=true");
                }

                var number = Interlocked.Increment(ref _connectionNumber);
                connection = await SocketModeConnection.OpenAsync(number, url, timeProvider, KeepAliveInterval, stoppingToken);
                lock (_gate)
                {
                    _open.Add(connection);
                }

                connection.Completion = RunConnectionAsync(connection, TimeSpan.FromSeconds(settings.SocketSilenceSeconds));
                await Task.WhenAny(connection.Hello, connection.Attention).WaitAsync(HelloTimeout, timeProvider, stoppingToken);

                // Not "which finished first": a disconnect right after hello may complete both before we look, and
                // then the supervisor acts on it like on any other.
                if (!connection.Hello.IsCompletedSuccessfully)
                {
                    throw new WebSocketException($"the connection ended before hello ({await connection.Attention})");
                }

                return connection;
            }
            catch (SlackApiException exception) when (exception.IsFatal)
            {
                SlackLog.SocketTokenRefused(logger, exception.Error);
                SetState(SocketModeState.Failing, $"Slack refused the app-level token ({exception.Error}); check Slack__AppToken");
                return null;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything else is transient as far as we can tell: keep trying (with backoff) rather than stop the host.
                if (connection is not null)
                {
                    await RetireAsync(connection, graceful: false);
                }

                _failures++;
                SlackLog.SocketOpenFailed(logger, _failures, exception.Message);
                if (!HasOpenConnection())
                {
                    SetState(SocketModeState.Failing, $"cannot connect: {exception.Message}");
                }
            }
        }
    }

    /// <summary>1 s doubling to 5 min, each wait drawn from its upper half so that restarts do not synchronise.</summary>
    internal static TimeSpan Backoff(int failures)
    {
        var ceiling = Math.Min(InitialBackoff.TotalSeconds * Math.Pow(2, Math.Max(0, failures - 1)), MaxBackoff.TotalSeconds);
#pragma warning disable CA5394 // Jitter, not security.
        return TimeSpan.FromSeconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }

    private async Task RunConnectionAsync(SocketModeConnection connection, TimeSpan silenceLimit)
    {
        await Task.Yield();
        var watchdog = WatchAsync(connection, silenceLimit);
        try
        {
            await ReceiveAsync(connection);
        }
        finally
        {
            connection.RequestAttention(Lost);
            connection.Abort();
            await watchdog;
        }
    }

    /// <summary>The one receive loop of a connection: reassembles messages and handles them in order.</summary>
    private async Task ReceiveAsync(SocketModeConnection connection)
    {
        var socket = connection.Socket;
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                message.SetLength(0);
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(chunk.AsMemory(), connection.Lifetime);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await connection.CloseOutputAsync(connection.Lifetime);
                        }

                        connection.RequestAttention($"closed by Slack ({socket.CloseStatus} {socket.CloseStatusDescription})".Trim());
                        SlackLog.SocketClosed(logger, connection.Number);
                        return;
                    }

                    if (message.Length + received.Count > MaxMessageBytes)
                    {
                        connection.RequestAttention("a message larger than 16 MB");
                        return;
                    }

                    message.Write(chunk, 0, received.Count);
                }
                while (!received.EndOfMessage);

                if (received.MessageType == WebSocketMessageType.Text)
                {
                    await HandleFrameAsync(connection, message.GetBuffer().AsMemory(0, (int)message.Length));
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            connection.RequestAttention(exception is OperationCanceledException ? Lost : exception.Message);
        }
    }

    private async Task WatchAsync(SocketModeConnection connection, TimeSpan silenceLimit)
    {
        try
        {
            while (true)
            {
                var left = silenceLimit - connection.Silence;
                if (left <= TimeSpan.Zero)
                {
                    connection.RequestAttention(Silent);
                    connection.Abort();
                    return;
                }

                await Task.Delay(left, timeProvider, connection.Lifetime);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection is being torn down.
        }
    }

    private async Task HandleFrameAsync(SocketModeConnection connection, ReadOnlyMemory<byte> json)
    {
        SocketModeFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(json.Span, SlackJsonContext.Default.SocketModeFrame);
        }
        catch (JsonException exception)
        {
            SlackLog.SocketMalformed(logger, connection.Number, exception.Message);
            return;
        }

        if (frame is null)
        {
            return;
        }

        switch (frame.Type)
        {
            case "hello":
                // Connected as of this frame: envelopes after it are handled by a ready listener.
                connection.MarkHello(frame.NumConnections);
                SetState(SocketModeState.Connected);
                SlackLog.SocketConnected(logger, connection.Number, frame.NumConnections);
                return;
            case "disconnect":
                connection.RequestAttention(frame.Reason is { Length: > 0 } reason ? reason : "refresh_requested");
                return;
        }

        if (frame.EnvelopeId is not { Length: > 0 } envelopeId)
        {
            SlackLog.SocketMalformed(logger, connection.Number, $"a {frame.Type} frame without envelope_id");
            return;
        }

        Interlocked.Increment(ref _envelopes);
        switch (frame.Type)
        {
            case "events_api":
                // Ack first, work after. The work is tracked before the ack goes out, so whoever sees the ack can wait
                // for it (DrainAsync), but it starts only once the ack was sent.
                var acked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Track(HandleEventAsync(frame, acked.Task));
                try
                {
                    await AckAsync(connection, envelopeId, payload: null);
                }
                finally
                {
                    acked.TrySetResult();
                }

                return;
            case "interactive" or "slash_commands":
                Track(HandleInteractionAsync(connection, frame, envelopeId));
                return;
            default:
                await AckAsync(connection, envelopeId, payload: null);
                SlackLog.SocketUnknownEnvelope(logger, envelopeId, frame.Type);
                return;
        }
    }

    private async Task HandleEventAsync(SocketModeFrame frame, Task acked)
    {
        await acked;
        var token = _dispatchAborted.Token;
        try
        {
            await _eventGate.WaitAsync(token);
            try
            {
                var envelope = frame.Payload.ValueKind == JsonValueKind.Object
                    ? frame.Payload.Deserialize(SlackJsonContext.Default.SlackEventEnvelope)
                    : null;
                if (envelope is null)
                {
                    Interlocked.Increment(ref _eventsIgnored);
                    return;
                }

                for (var attempt = 1; ; attempt++)
                {
                    var outcome = await dispatcher.DispatchEventAsync(envelope, frame.RetryAttempt, token);
                    if (outcome != DispatchOutcome.Failed)
                    {
                        Count(outcome);
                        return;
                    }

                    // Already acknowledged, so Slack will not retry it: retry here a few times.
                    if (attempt > EventRetryDelays.Length)
                    {
                        Interlocked.Increment(ref _eventsDropped);
                        SlackLog.SocketEventDropped(logger, envelope.EventId, attempt);
                        return;
                    }

                    var delay = EventRetryDelays[attempt - 1];
                    SlackLog.SocketEventRetry(logger, envelope.EventId, attempt, delay.TotalSeconds);
                    await Task.Delay(delay, timeProvider, token);
                }
            }
            finally
            {
                _eventGate.Release();
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
        {
            Interlocked.Increment(ref _eventsDropped);
            SlackLog.SocketEnvelopeFailed(logger, frame.Type, frame.EnvelopeId ?? "?", exception);
        }
        catch (OperationCanceledException)
        {
            // Shutdown gave up waiting for it.
        }
    }

    /// <summary>
    /// Interactions and commands: the handler runs first (a command's reply and a modal submission's answer travel in
    /// the ack), bounded by the ack deadline; what a click handler wants said or opened goes out after the ack.
    /// </summary>
    private async Task HandleInteractionAsync(SocketModeConnection connection, SocketModeFrame frame, string envelopeId)
    {
        var token = _dispatchAborted.Token;
        var work = DispatchInteractionAsync(frame, token);
        try
        {
            var deadline = Task.Delay(AckDeadline, timeProvider, token);
            InteractionResult? result = null;
            if (await Task.WhenAny(work, deadline) == work)
            {
                result = await work;
            }
            else
            {
                SlackLog.SocketSlowInteraction(logger, frame.Type, envelopeId);
            }

            await AckAsync(connection, envelopeId, frame.AcceptsResponsePayload ? result?.Ack : null);
            result ??= await work;
            result.FollowUps.ForEach(followUps.Enqueue);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
        {
            SlackLog.SocketEnvelopeFailed(logger, frame.Type, envelopeId, exception);
        }
        catch (OperationCanceledException)
        {
            // Shutdown gave up waiting for it.
        }
    }

    private async Task<InteractionResult> DispatchInteractionAsync(SocketModeFrame frame, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var payload = frame.Payload;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return InteractionResult.None;
        }

        var gate = _interactionGate;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (frame.Type == "slash_commands")
            {
                var command = SlashCommand.FromFields(name =>
                    payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null);
                return new InteractionResult(command is null ? null : (await dispatcher.DispatchCommandAsync(command, cancellationToken))?.ToJson(), []);
            }

            if (ViewSubmission.FromPayload(payload) is { } submission)
            {
                return new InteractionResult((await dispatcher.DispatchViewSubmissionAsync(submission, cancellationToken))?.ToJson(), []);
            }

            // Slack never retries interactions; a failing handler's clicker is told so after the ack.
            var followUps = new List<SlackFollowUp>();
            foreach (var action in BlockAction.FromPayload(payload))
            {
                if ((await dispatcher.DispatchActionAsync(action, cancellationToken)).Reply is { } reply)
                {
                    followUps.Add(SlackFollowUp.For(action, reply));
                }
            }

            return new InteractionResult(null, followUps);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task AckAsync(SocketModeConnection connection, string envelopeId, JsonObject? payload)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        try
        {
            await connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(ack, SlackJsonContext.Default.JsonObject), connection.Lifetime);
            Interlocked.Increment(ref _acks);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Unacknowledged: Slack redelivers it (on another connection), and the ledger dedupes.
            SlackLog.SocketAckFailed(logger, envelopeId, connection.Number, exception.Message);
        }
    }

    private void Count(DispatchOutcome outcome)
    {
        switch (outcome)
        {
            case DispatchOutcome.Handled:
                Interlocked.Increment(ref _eventsHandled);
                break;
            case DispatchOutcome.Duplicate:
                Interlocked.Increment(ref _eventsDuplicate);
                break;
            default:
                Interlocked.Increment(ref _eventsIgnored);
                break;
        }
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Closes a connection (handshake first when <paramref name="graceful"/>) and waits for its loops.</summary>
    private async Task RetireAsync(SocketModeConnection connection, bool graceful)
    {
        lock (_gate)
        {
            if (!_open.Remove(connection))
            {
                return;
            }
        }

        if (graceful)
        {
            try
            {
                using var timeout = new CancellationTokenSource(CloseTimeout, timeProvider);
                await connection.CloseOutputAsync(timeout.Token);
                await connection.Completion.WaitAsync(CloseTimeout, timeProvider);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
            {
                // It did not close cleanly in time: abort it below.
            }
        }

        await connection.DisposeAsync();
    }

    private async Task FinishInFlightAsync()
    {
        try
        {
            await DrainAsync().WaitAsync(DrainTimeout, timeProvider);
        }
        catch (TimeoutException)
        {
            SlackLog.SocketDrainTimedOut(logger, _inFlight.Count);
            await _dispatchAborted.CancelAsync();
            await DrainAsync();
        }
    }

    private bool HasOpenConnection()
    {
        lock (_gate)
        {
            return _open.Any(c => c.Hello.IsCompleted && c.IsOpen);
        }
    }

    private void SetState(SocketModeState state, string problem = "")
    {
        lock (_gate)
        {
            _state = state;
            _problem = problem;
        }
    }

    /// <summary>What an interaction answers in its ack, and what is sent after it.</summary>
    private sealed record InteractionResult(JsonObject? Ack, List<SlackFollowUp> FollowUps)
    {
        public static InteractionResult None { get; } = new(null, []);
    }
}
