using System.Net;
using System.Text.Json.Nodes;
using ChatTriageBot.Slack;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// The real app in Socket Mode against the fake Slack's WebSocket. Synchronisation is by protocol (frames on one
/// socket are handled in order, so the ack of a later envelope proves an earlier frame was handled) and by
/// <see cref="SocketModeListener.DrainAsync"/> (the work of an acknowledged event is tracked before its ack is sent).
/// </summary>
public sealed class SocketModeListenerTests
{
    /// <summary>An upper bound for things that happen at once; never a timing assertion.</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hello_OnFirstConnection_MakesTheListenerReady()
    {
        await using var app = await StartAsync();
        var socket = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        // Acked on the same socket after hello, so hello has been handled by now.
        var envelope = await app.Slack.SendEnvelopeAsync("some_future_type", new JsonObject(), acceptsResponsePayload: false, on: socket, cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);

        Assert.Equal(socket.Number, ack.Connection);
        Assert.Null(ack.Payload);
        Assert.Equal(SocketModeState.Connected, Listener(app).State);
        var entry = await HealthAsync(app);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Single(app.Slack.Calls("apps.connections.open"));
    }

    [Fact]
    public async Task AppMention_AsEventsApiEnvelope_IsAckedWithoutPayloadAndQueuesOneTriage()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var envelope = await app.Slack.SendEventAsync(Mention("Ev0001", "1700000100.000100"), cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);
        await Listener(app).DrainAsync();

        Assert.Null(ack.Payload);
        Assert.Equal(1, Listener(app).EventsHandled);
        Assert.Equal((1, 1), await CountTriagesAndJobsAsync(app));
        await using var db = app.Db();
        var mention = Assert.Single(await QueuedMentions.ReadAsync(db, Ct));
        Assert.Equal(("C0CHAN", "1700000100.000100", "U0USER"), (mention.Channel, mention.MentionTs, mention.UserId));
    }

    [Fact]
    public async Task RetriedEvent_InNewEnvelopeWithSameEventId_IsAckedAndNotHandledTwice()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);
        var json = Mention("Ev0002", "1700000200.000100");

        var first = await app.Slack.SendEventAsync(json, cancellationToken: Ct);
        await app.Slack.WaitForAckAsync(first, Wait, Ct);
        await Listener(app).DrainAsync();
        var retry = await app.Slack.SendEventAsync(json, retryAttempt: 1, retryReason: "timeout", cancellationToken: Ct);
        await app.Slack.WaitForAckAsync(retry, Wait, Ct);
        await Listener(app).DrainAsync();

        Assert.NotEqual(first, retry);
        Assert.Equal(1, Listener(app).EventsHandled);
        Assert.Equal(1, Listener(app).EventsDuplicate);
        Assert.Equal((1, 1), await CountTriagesAndJobsAsync(app));
    }

    [Fact]
    public async Task RetriedEvent_WhoseFirstDeliveryNeverArrived_IsHandled()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var retry = await app.Slack.SendEventAsync(Mention("Ev0003", "1700000300.000100"), retryAttempt: 2, retryReason: "timeout", cancellationToken: Ct);
        await app.Slack.WaitForAckAsync(retry, Wait, Ct);
        await Listener(app).DrainAsync();

        Assert.Equal(1, Listener(app).EventsHandled);
        Assert.Equal((1, 1), await CountTriagesAndJobsAsync(app));
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task Disconnect_AskingForRefresh_OpensTheNewConnectionBeforeClosingTheOld(string reason)
    {
        await using var app = await StartAsync();
        var old = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        await app.Slack.SendDisconnectAsync(reason, old, Ct);
        var replacement = await app.Slack.WaitForSocketConnectionAsync(2, Wait, Ct);
        await old.Closed.WaitAsync(Wait, Ct);

        Assert.True(replacement.OpenedOrder < old.ClosedOrder, $"{replacement} opened after {old} closed");
        Assert.Equal("client", old.ClosedBy);
        Assert.Equal(2, app.Slack.Calls("apps.connections.open").Count);
        Assert.NotEqual(old.Ticket, replacement.Ticket);
        Assert.Equal(0, app.Slack.RefusedSocketAttempts);

        var envelope = await app.Slack.SendEventAsync(Mention("Ev0004", "1700000400.000100"), on: replacement, cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);
        await Listener(app).DrainAsync();
        Assert.Equal(replacement.Number, ack.Connection);
        Assert.Equal((1, 1), await CountTriagesAndJobsAsync(app));
        Assert.Equal(SocketModeState.Connected, Listener(app).State);
    }

    [Fact]
    public async Task LinkDisabled_StopsReconnectingAndReportsNotReadyWhileAlive()
    {
        await using var app = await StartAsync();
        var socket = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        await app.Slack.SendDisconnectAsync("link_disabled", socket, Ct);
        var listener = Listener(app);
        await listener.ExecuteTask!.WaitAsync(Wait, Ct);

        // The listener has finished for good: nothing is left that could reconnect.
        Assert.Equal(SocketModeState.Disabled, listener.State);
        Assert.Single(app.Slack.Calls("apps.connections.open"));
        Assert.Single(app.Slack.SocketConnections);
        var entry = await HealthAsync(app);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("link_disabled", entry.Description, StringComparison.Ordinal);
        using var client = app.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct);
        using var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task AbruptDrop_ReconnectsWithAFreshUrlAfterABackoff()
    {
        await using var app = await StartAsync();
        var first = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        first.Drop();
        var second = await app.Slack.WaitForSocketConnectionAsync(2, Wait, Ct);

        Assert.Equal("dropped", first.ClosedBy);
        Assert.True(Listener(app).LastBackoff > TimeSpan.Zero);
        Assert.Equal(2, app.Slack.Calls("apps.connections.open").Count);
        Assert.Equal(0, app.Slack.RefusedSocketAttempts);
        var envelope = await app.Slack.SendEventAsync(Mention("Ev0005", "1700000500.000100"), on: second, cancellationToken: Ct);
        Assert.Equal(second.Number, (await app.Slack.WaitForAckAsync(envelope, Wait, Ct)).Connection);
    }

    [Fact]
    public async Task SilentConnection_IsReplacedByTheWatchdog()
    {
        await using var app = await StartAsync(a => a.With("Slack:SocketSilenceSeconds", "1"));
        var first = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        // The fake sends nothing after hello (no pings either): the watchdog gives up on the socket and reconnects.
        await app.Slack.WaitForSocketConnectionAsync(2, Wait, Ct);
        await first.Closed.WaitAsync(Wait, Ct);

        Assert.True(app.Slack.Calls("apps.connections.open").Count >= 2);
    }

    [Fact]
    public async Task SlashCommand_TriageHelp_IsAckedWithTheUsageAsResponsePayload()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var envelope = await app.Slack.SendSlashCommandAsync(TriageCommandHandler.Command, "help", cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);

        Assert.NotNull(ack.Payload);
        Assert.Equal(TriageCommandHandler.Usage, ack.Payload["text"]?.GetValue<string>());
        Assert.Equal("ephemeral", ack.Payload["response_type"]?.GetValue<string>());
    }

    [Fact]
    public async Task BlockAction_NobodyOwns_IsAckedWithoutPayload()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var envelope = await app.Slack.SendInteractiveAsync(BlockActions("no_such_action"), cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);

        Assert.Null(ack.Payload);
    }

    [Fact]
    public async Task Burst_OfMixedEnvelopes_EveryOneIsAcked()
    {
        await using var app = await StartAsync();
        var socket = await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);
        var sent = new List<string>();

        for (var i = 0; i < 10; i++)
        {
            var ts = $"17000010{i:D2}.000100";
            sent.Add(await app.Slack.SendEventAsync(Mention($"EvBurst{i}", ts), on: socket, cancellationToken: Ct));
            sent.Add(await app.Slack.SendSlashCommandAsync(TriageCommandHandler.Command, "help", on: socket, cancellationToken: Ct));
            sent.Add(await app.Slack.SendInteractiveAsync(BlockActions("nobody_" + i), on: socket, cancellationToken: Ct));
            sent.Add(await app.Slack.SendEnvelopeAsync("unknown_type", new JsonObject(), acceptsResponsePayload: false, on: socket, cancellationToken: Ct));
        }

        foreach (var envelope in sent)
        {
            await app.Slack.WaitForAckAsync(envelope, Wait, Ct);
        }

        await Listener(app).DrainAsync();
        Assert.Empty(app.Slack.UnacknowledgedEnvelopes);
        Assert.All(app.Slack.Acks, ack => Assert.Equal(socket.Number, ack.Connection));
        Assert.Equal((10, 10), await CountTriagesAndJobsAsync(app));
    }

    [Fact]
    public async Task RefusedAppToken_StopsWithoutRetryingAndReportsTheConfigurationError()
    {
        await using var app = await StartAsync(a => a.With("Slack:AppToken", "xapp-not-the-right-one"));
        var listener = Listener(app);

        await listener.ExecuteTask!.WaitAsync(Wait, Ct);

        Assert.Equal(SocketModeState.Failing, listener.State);
        Assert.Single(app.Slack.Calls("apps.connections.open"));
        Assert.Empty(app.Slack.SocketConnections);
        var entry = await HealthAsync(app);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("invalid_auth", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpMode_ListenerStaysIdleAndHealthy()
    {
        await using var app = await new AppFixture().StartAsync();
        var listener = Listener(app);

        await listener.ExecuteTask!.WaitAsync(Wait, Ct);

        Assert.Equal(SocketModeState.NotUsed, listener.State);
        Assert.Empty(app.Slack.Calls("apps.connections.open"));
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(app)).Status);
    }

    private static async Task<AppFixture> StartAsync(Action<AppFixture>? configure = null)
    {
        var app = new AppFixture();
        app.With("Slack:Mode", SlackModes.SocketMode).With("Slack:AppToken", app.Slack.AppToken).With("OpenAI:ApiKey", string.Empty);
        configure?.Invoke(app);
        return await app.StartAsync();
    }

    private static SocketModeListener Listener(AppFixture app) => app.Services.GetRequiredService<SocketModeListener>();

    private static async Task<HealthReportEntry> HealthAsync(AppFixture app)
    {
        var report = await app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Name == SocketModeListener.HealthCheckName, Ct);
        return report.Entries[SocketModeListener.HealthCheckName];
    }

    /// <summary>The mentions queued for triage (distinct channel + ts), and the triage jobs.</summary>
    private static async Task<(int Triages, int Jobs)> CountTriagesAndJobsAsync(AppFixture app)
    {
        await using var db = app.Db();
        var mentions = await QueuedMentions.ReadAsync(db, Ct);
        return (mentions.DistinctBy(m => (m.Channel, m.MentionTs)).Count(), await db.Jobs.CountAsync(j => j.Kind == TriageJobHandler.Kind, Ct));
    }

    private static string Mention(string eventId, string ts) => $$"""
        {
          "token": "deprecated",
          "team_id": "T0TEAM",
          "api_app_id": "A0APP",
          "type": "event_callback",
          "event_id": "{{eventId}}",
          "event_time": 1700000000,
          "event": {
            "type": "app_mention",
            "user": "U0USER",
            "text": "<@U0BOT> checkout throws NullReferenceException",
            "ts": "{{ts}}",
            "channel": "C0CHAN",
            "event_ts": "{{ts}}"
          }
        }
        """;

    private static string BlockActions(string actionId) => $$"""
        {
          "type": "block_actions",
          "user": { "id": "U0USER", "username": "someone", "team_id": "T0TEAM" },
          "team": { "id": "T0TEAM", "domain": "fake-team" },
          "api_app_id": "A0APP",
          "container": { "type": "message", "message_ts": "1700000000.000100", "channel_id": "C0CHAN", "is_ephemeral": false },
          "channel": { "id": "C0CHAN", "name": "support" },
          "actions": [ { "type": "button", "action_id": "{{actionId}}", "block_id": "b1", "value": "v", "action_ts": "1700000001.000200" } ],
          "response_url": "http://127.0.0.1/response",
          "trigger_id": "1.2.3"
        }
        """;
}
