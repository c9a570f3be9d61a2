using System.Net.Sockets;
using System.Net.WebSockets;

namespace ChatTriageBot.Slack;

/// <summary>
/// One Socket Mode WebSocket: its sends are serialised (one at a time, as the WebSocket requires), it remembers when
/// the server last sent anything (data or control frames), and it raises <see cref="Attention"/> once, with the reason
/// the listener has to act on (a <c>disconnect</c> frame, a lost socket, silence).
/// </summary>
internal sealed class SocketModeConnection : IAsyncDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<int> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _attention = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpMessageInvoker _invoker;
    private long _lastActivity;

    private SocketModeConnection(int number, TimeProvider timeProvider, TimeSpan keepAliveInterval)
    {
        Number = number;
        _timeProvider = timeProvider;
        _lastActivity = timeProvider.GetTimestamp();
        Socket = new ClientWebSocket();
        Socket.Options.KeepAliveInterval = keepAliveInterval;
        var handler = new SocketsHttpHandler { ConnectCallback = ConnectAsync };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public int Number { get; }

    public ClientWebSocket Socket { get; }

    /// <summary>Completes with <c>num_connections</c> when the <c>hello</c> frame has arrived.</summary>
    public Task<int> Hello => _hello.Task;

    /// <summary>Completes once with the first reason the listener must act on.</summary>
    public Task<string> Attention => _attention.Task;

    /// <summary>Cancelled when the connection is torn down; its loops stop on it.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>When <c>hello</c> arrived (null before).</summary>
    public long? ConnectedAt { get; private set; }

    /// <summary>The receive loop and the watchdog; set by the listener right after connecting.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    public TimeSpan Silence => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public bool IsOpen => Socket.State == WebSocketState.Open;

    public static async Task<SocketModeConnection> OpenAsync(int number, Uri url, TimeProvider timeProvider, TimeSpan keepAliveInterval, CancellationToken cancellationToken)
    {
        var connection = new SocketModeConnection(number, timeProvider, keepAliveInterval);
        try
        {
            await connection.Socket.ConnectAsync(url, connection._invoker, cancellationToken);
            connection.Touch();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Touch() => Interlocked.Exchange(ref _lastActivity, _timeProvider.GetTimestamp());

    public void MarkHello(int numConnections)
    {
        if (_hello.TrySetResult(numConnections))
        {
            ConnectedAt = _timeProvider.GetTimestamp();
        }
    }

    /// <summary>Asks the listener to act; only the first reason counts. Returns whether this one did.</summary>
    public bool RequestAttention(string reason) => _attention.TrySetResult(reason);

    /// <summary>Sends one text frame; sends on one socket never overlap.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await Socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts the closing handshake (no more acks can be sent); the receive loop ends when the server answers.</summary>
    public async Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        if (Socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closing", cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Tears the connection down at once (no closing handshake).</summary>
    public void Abort()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to stop.
        }

        Socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        try
        {
            await Completion;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The loops end this way when the socket is aborted.
        }

        Socket.Dispose();
        _invoker.Dispose();
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new ActivityTrackingStream(new NetworkStream(socket, ownsSocket: true), Touch);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
