using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>The fake's Socket Mode side, driven by a plain <see cref="ClientWebSocket"/>.</summary>
public sealed class FakeSlackServerSocketModeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeSlackServer slack = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(slack.StartAsync(Ct));

    public ValueTask DisposeAsync() => slack.DisposeAsync();

    [Fact]
    public async Task SocketUrl_UsedTwice_IsRefusedTheSecondTime()
    {
        var url = await OpenConnectionAsync();
        using var first = new ClientWebSocket();
        await first.ConnectAsync(url, Ct);

        using var second = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => second.ConnectAsync(url, Ct));

        Assert.Equal(1, slack.RefusedSocketAttempts);
        Assert.Single(slack.SocketConnections);
    }

    [Fact]
    public async Task SocketUrl_NeverHandedOut_IsRefused()
    {
        using var socket = new ClientWebSocket();
        var madeUp = new Uri($"ws://{slack.BaseAddress.Authority}{FakeSlackServer.SocketPath}?ticket=999");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(madeUp, Ct));

        Assert.Equal(1, slack.RefusedSocketAttempts);
    }

    [Fact]
    public async Task Connection_SendsHelloThenEnvelopes_AndRecordsTheAck()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(await OpenConnectionAsync(), Ct);
        var connection = await slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        using var hello = await ReceiveAsync(socket);
        var id = await slack.SendSlashCommandAsync("/triage", "help", cancellationToken: Ct);
        using var envelope = await ReceiveAsync(socket);
        Assert.Single(slack.UnacknowledgedEnvelopes);
        await socket.SendAsync(Encoding.UTF8.GetBytes($$$"""{"envelope_id":"{{{id}}}","payload":{"text":"hi"}}"""), WebSocketMessageType.Text, true, Ct);
        var ack = await slack.WaitForAckAsync(id, Wait, Ct);

        Assert.Equal("hello", hello.RootElement.GetProperty("type").GetString());
        Assert.Equal(1, hello.RootElement.GetProperty("num_connections").GetInt32());
        Assert.Equal("slash_commands", envelope.RootElement.GetProperty("type").GetString());
        Assert.True(envelope.RootElement.GetProperty("accepts_response_payload").GetBoolean());
        Assert.Equal("help", envelope.RootElement.GetProperty("payload").GetProperty("text").GetString());
        Assert.Equal(connection.Number, ack.Connection);
        Assert.Equal("hi", ack.Payload?["text"]?.GetValue<string>());
        Assert.True(ack.ReceivedAt >= ack.EnvelopeSentAt);
        Assert.Empty(slack.UnacknowledgedEnvelopes);
    }

    [Fact]
    public async Task Drop_ResetsTheConnectionWithoutACloseFrame()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(await OpenConnectionAsync(), Ct);
        var connection = await slack.WaitForSocketConnectionAsync(1, Wait, Ct);
        (await ReceiveAsync(socket)).Dispose();

        connection.Drop();
        await connection.Closed.WaitAsync(Wait, Ct);

        Assert.Equal("dropped", connection.ClosedBy);
        await Assert.ThrowsAsync<WebSocketException>(async () => await socket.ReceiveAsync(new byte[1024], Ct));
    }

    private async Task<Uri> OpenConnectionAsync()
    {
        using var http = new HttpClient { BaseAddress = slack.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", slack.AppToken);
        using var response = await http.PostAsync(new Uri("apps.connections.open", UriKind.Relative), null, Ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return new Uri(body.RootElement.GetProperty("url").GetString()!);
    }

    private static async Task<JsonDocument> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), Ct);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(buffer.AsMemory(0, count));
    }
}
