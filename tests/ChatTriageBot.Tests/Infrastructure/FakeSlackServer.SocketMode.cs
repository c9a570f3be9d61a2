using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// Socket Mode, as Slack serves it: the WebSocket at <see cref="SocketPath"/> accepts only a ticket that
/// <c>apps.connections.open</c> handed out and nobody used yet, sends <c>hello</c>, then carries the envelopes and
/// <c>disconnect</c> frames a test pushes, and records the bot's acks (with when they arrived).
/// </summary>
public sealed partial class FakeSlackServer
{
    private readonly Lock sockets = new();
    private readonly HashSet<string> issuedTickets = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedTickets = new(StringComparer.Ordinal);
    private readonly List<FakeSocketConnection> connections = [];
    private readonly Dictionary<int, TaskCompletionSource<FakeSocketConnection>> connectionWaiters = [];
    private readonly Dictionary<string, (string Type, int Connection, DateTimeOffset SentAt)> envelopes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SocketAck> acks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<SocketAck>> ackWaiters = new(StringComparer.Ordinal);
    private int socketOrder;
    private int refusedSockets;
    private long envelopeCounter;

    /// <summary>Every Socket Mode connection the bot opened (refused attempts excluded), in order.</summary>
    public IReadOnlyList<FakeSocketConnection> SocketConnections
    {
        get
        {
            lock (sockets)
            {
                return [.. connections];
            }
        }
    }

    /// <summary>Attempts to open <see cref="SocketPath"/> with an unknown or already used ticket (refused with 403).</summary>
    public int RefusedSocketAttempts => Volatile.Read(ref refusedSockets);

    /// <summary>Every ack received so far.</summary>
    public IReadOnlyList<SocketAck> Acks
    {
        get
        {
            lock (sockets)
            {
                return [.. acks.Values];
            }
        }
    }

    /// <summary>Envelopes sent that have not been acknowledged (yet).</summary>
    public IReadOnlyList<string> UnacknowledgedEnvelopes
    {
        get
        {
            lock (sockets)
            {
                return [.. envelopes.Keys.Where(id => !acks.ContainsKey(id)).Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Waits until the bot's <paramref name="number"/>-th connection (1-based) is open and has had its <c>hello</c>.</summary>
    public Task<FakeSocketConnection> WaitForSocketConnectionAsync(int number = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        TaskCompletionSource<FakeSocketConnection> waiter;
        lock (sockets)
        {
            if (!connectionWaiters.TryGetValue(number, out waiter!))
            {
                connectionWaiters[number] = waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return WithTimeoutAsync(waiter.Task, timeout, $"socket connection #{number}", cancellationToken);
    }

    /// <summary>Waits for the ack of <paramref name="envelopeId"/>.</summary>
    public Task<SocketAck> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<SocketAck> waiter;
        lock (sockets)
        {
            if (acks.TryGetValue(envelopeId, out var ack))
            {
                return Task.FromResult(ack);
            }

            if (!ackWaiters.TryGetValue(envelopeId, out waiter!))
            {
                ackWaiters[envelopeId] = waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return WithTimeoutAsync(waiter.Task, timeout, $"the ack of envelope {envelopeId}", cancellationToken);
    }

    /// <summary>Sends an <c>events_api</c> envelope carrying <paramref name="eventCallbackJson"/>; returns its envelope id.</summary>
    public Task<string> SendEventAsync(
        string eventCallbackJson,
        int? retryAttempt = null,
        string retryReason = "timeout",
        FakeSocketConnection? on = null,
        CancellationToken cancellationToken = default) =>
        SendEnvelopeAsync("events_api", JsonNode.Parse(eventCallbackJson)!, acceptsResponsePayload: false, retryAttempt, retryAttempt is > 0 ? retryReason : null, on, cancellationToken);

    /// <summary>
    /// Sends an <c>interactive</c> envelope (e.g. a <c>block_actions</c> payload); a <c>view_submission</c> accepts a
    /// response payload (its <c>response_action</c>), as Slack's does.
    /// </summary>
    public Task<string> SendInteractiveAsync(string payloadJson, FakeSocketConnection? on = null, CancellationToken cancellationToken = default)
    {
        var payload = JsonNode.Parse(payloadJson)!;
        var acceptsResponse = payload["type"]?.GetValue<string>() == "view_submission";
        return SendEnvelopeAsync("interactive", payload, acceptsResponsePayload: acceptsResponse, null, null, on, cancellationToken);
    }

    /// <summary>Sends a <c>slash_commands</c> envelope (<c>accepts_response_payload: true</c>), with the fields Slack sends.</summary>
    public Task<string> SendSlashCommandAsync(
        string command,
        string text,
        string userId = "U0USER",
        string channelId = "C0CHAN",
        FakeSocketConnection? on = null,
        CancellationToken cancellationToken = default)
    {
        var payload = new JsonObject
        {
            ["token"] = "deprecated",
            ["team_id"] = TeamId,
            ["team_domain"] = TeamDomain,
            ["channel_id"] = channelId,
            ["channel_name"] = "support",
            ["user_id"] = userId,
            ["user_name"] = "someone",
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = AppId,
            ["is_enterprise_install"] = "false",
            ["response_url"] = new Uri(BaseAddress, "/commands/response").AbsoluteUri,
            ["trigger_id"] = "1.2.3",
        };
        return SendEnvelopeAsync("slash_commands", payload, acceptsResponsePayload: true, null, null, on, cancellationToken);
    }

    /// <summary>Sends any envelope; returns its new envelope id.</summary>
    public async Task<string> SendEnvelopeAsync(
        string type,
        JsonNode payload,
        bool acceptsResponsePayload,
        int? retryAttempt = null,
        string? retryReason = null,
        FakeSocketConnection? on = null,
        CancellationToken cancellationToken = default)
    {
        var connection = on ?? NewestOpenConnection();
        var id = "env-" + Interlocked.Increment(ref envelopeCounter).ToString("D4", CultureInfo.InvariantCulture);
        var frame = new JsonObject
        {
            ["envelope_id"] = id,
            ["type"] = type,
            ["payload"] = payload.DeepClone(),
            ["accepts_response_payload"] = acceptsResponsePayload,
        };
        if (retryAttempt is not null)
        {
            frame["retry_attempt"] = retryAttempt.Value;
            frame["retry_reason"] = retryReason ?? string.Empty;
        }

        lock (sockets)
        {
            envelopes[id] = (type, connection.Number, TimeProvider.System.GetUtcNow());
        }

        await connection.SendAsync(frame, cancellationToken);
        return id;
    }

    /// <summary>
    /// Sends <c>{"type":"disconnect","reason":…}</c>. After <c>link_disabled</c> the fake closes the socket itself, as
    /// Slack does; for the other reasons the bot is expected to open a new connection and close this one.
    /// </summary>
    public async Task SendDisconnectAsync(string reason, FakeSocketConnection? on = null, CancellationToken cancellationToken = default)
    {
        var connection = on ?? NewestOpenConnection();
        await connection.SendAsync(
            new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "fake-slack" } },
            cancellationToken);
        if (reason == "link_disabled")
        {
            await connection.CloseAsync(cancellationToken);
        }
    }

    protected override void Configure(WebApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);

        // No server keep-alive frames: the bot's silence watchdog only sees what a test sends.
        application.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        application.Map(new PathString(SocketPath), branch => branch.Run(AcceptSocketAsync));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        var all = SocketConnections;
        foreach (var connection in all)
        {
            connection.Drop();
        }

        await base.DisposeAsyncCore();
        foreach (var connection in all)
        {
            connection.Dispose();
        }
    }

    private static async Task<T> WithTimeoutAsync<T>(Task<T> task, TimeSpan? timeout, string what, CancellationToken cancellationToken)
    {
        var limit = timeout ?? DefaultWaitTimeout;
        try
        {
            return await task.WaitAsync(limit, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"FakeSlackServer: {what} did not happen within {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
    }

    private void IssueTicket(string ticket)
    {
        lock (sockets)
        {
            issuedTickets.Add(ticket);
        }
    }

    private FakeSocketConnection NewestOpenConnection()
    {
        lock (sockets)
        {
            return connections.LastOrDefault(c => c.IsOpen)
                ?? throw new InvalidOperationException("FakeSlackServer: the bot has no open Socket Mode connection.");
        }
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var ticket = context.Request.Query["ticket"].ToString();
        lock (sockets)
        {
            if (!issuedTickets.Contains(ticket) || !usedTickets.Add(ticket))
            {
                // An old or made-up URL: Slack's tickets are single use.
                refusedSockets++;
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        FakeSocketConnection connection;
        int open;
        lock (sockets)
        {
            connection = new FakeSocketConnection(connections.Count + 1, ticket, socket, context, ++socketOrder);
            connections.Add(connection);
            open = connections.Count(c => c.IsOpen);
        }

        var stopping = context.RequestAborted;
        try
        {
            await connection.SendAsync(
                new JsonObject
                {
                    ["type"] = "hello",
                    ["num_connections"] = open,
                    ["connection_info"] = new JsonObject { ["app_id"] = AppId },
                    ["debug_info"] = new JsonObject { ["host"] = "fake-slack", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
                },
                stopping);
            lock (sockets)
            {
                if (!connectionWaiters.TryGetValue(connection.Number, out var waiter))
                {
                    connectionWaiters[connection.Number] = waiter = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                waiter.TrySetResult(connection);
            }

            await ReceiveFromBotAsync(connection, stopping);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // Dropped, or the fake is stopping.
        }
        finally
        {
            connection.MarkClosed(NextSocketOrder(), connection.ClosedBy ?? "dropped");
        }
    }

    private int NextSocketOrder()
    {
        lock (sockets)
        {
            return ++socketOrder;
        }
    }

    private async Task ReceiveFromBotAsync(FakeSocketConnection connection, CancellationToken cancellationToken)
    {
        var socket = connection.Socket;
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(chunk, cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    var serverStarted = connection.ServerClosing;
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await connection.CloseAsync(cancellationToken);
                    }

                    connection.MarkClosed(NextSocketOrder(), serverStarted ? "server" : "client");
                    return;
                }

                message.Write(chunk, 0, received.Count);
            }
            while (!received.EndOfMessage);

            RecordAck(connection, message.ToArray());
        }
    }

    private void RecordAck(FakeSocketConnection connection, byte[] utf8)
    {
        JsonObject? frame;
        try
        {
            frame = JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (frame?["envelope_id"]?.GetValue<string>() is not { Length: > 0 } id)
        {
            return;
        }

        lock (sockets)
        {
            var sentAt = envelopes.TryGetValue(id, out var envelope) ? envelope.SentAt : DateTimeOffset.MinValue;
            var ack = new SocketAck(id, connection.Number, frame["payload"] as JsonObject, sentAt, TimeProvider.System.GetUtcNow());
            acks.TryAdd(id, ack);
            if (ackWaiters.Remove(id, out var waiter))
            {
                waiter.TrySetResult(ack);
            }
        }
    }
}
