using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// One Socket Mode connection the bot opened to <see cref="FakeSlackServer"/>. <see cref="OpenedOrder"/> and
/// <see cref="ClosedOrder"/> come from one counter shared by all connections, so tests can check what happened first
/// without looking at clocks.
/// </summary>
public sealed class FakeSocketConnection : IDisposable
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int closedOrder;

    internal FakeSocketConnection(int number, string ticket, WebSocket socket, HttpContext context, int openedOrder)
    {
        Number = number;
        Ticket = ticket;
        Socket = socket;
        Context = context;
        OpenedOrder = openedOrder;
    }

    /// <summary>1 for the first connection the bot opened, 2 for the next, ...</summary>
    public int Number { get; }

    /// <summary>The ticket of the <c>apps.connections.open</c> URL it used.</summary>
    public string Ticket { get; }

    public int OpenedOrder { get; }

    /// <summary>Null while open.</summary>
    public int? ClosedOrder => closedOrder == 0 ? null : closedOrder;

    /// <summary>Who ended it: <c>client</c> (the bot's close frame), <c>server</c> (the fake's), <c>dropped</c> (no handshake).</summary>
    public string? ClosedBy { get; private set; }

    public bool IsOpen => ClosedOrder is null;

    /// <summary>Completes when the connection has ended, however it ended.</summary>
    public Task Closed => closed.Task;

    internal WebSocket Socket { get; }

    internal HttpContext Context { get; }

    public override string ToString() => $"socket #{Number} (ticket {Ticket}, {(IsOpen ? "open" : $"closed by {ClosedBy}")})";

    internal async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>True once the fake started the closing handshake.</summary>
    internal bool ServerClosing { get; private set; }

    /// <summary>Drops the connection abruptly: the TCP connection is reset, no close frame is sent.</summary>
    public void Drop()
    {
        if (!IsOpen)
        {
            return;
        }

        try
        {
            Context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request has just ended: nothing left to drop.
        }
    }

    public void Dispose() => sendLock.Dispose();

    /// <summary>Starts a clean close from the server side (as Slack does after <c>link_disabled</c> or a refresh).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        ServerClosing = true;
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by the fake", cancellationToken);
            }
        }
        finally
        {
            sendLock.Release();
        }
    }

    internal void MarkClosed(int order, string by)
    {
        if (Interlocked.CompareExchange(ref closedOrder, order, 0) == 0)
        {
            ClosedBy = by;
            closed.TrySetResult();
        }
    }
}
