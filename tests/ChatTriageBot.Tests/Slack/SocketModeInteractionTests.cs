using System.Text.Json.Nodes;
using ChatTriageBot.Slack;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// Interactions over Socket Mode: what a click handler wants said goes out after the envelope's ack, through the
/// response URL; a modal submission's answer travels in the ack itself.
/// </summary>
public sealed class SocketModeInteractionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefusedClick_IsAckedWithoutPayload_ThenAnsweredThroughTheResponseUrl()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);
        var responseUrl = app.Slack.NewResponseUrl();

        var envelope = await app.Slack.SendInteractiveAsync(Click("fix_generate", "1", responseUrl), cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);
        var reply = await app.Slack.WaitForResponseAsync(r => r.Request.Path == responseUrl.AbsolutePath, Wait, Ct);

        Assert.Null(ack.Payload);
        Assert.True(reply.Request.ReceivedAt >= ack.ReceivedAt, "the reply went out before the ack");
        Assert.Equal("ephemeral", reply.Argument("response_type"));
        Assert.Contains("not on the list of people who may generate fixes", reply.Argument("text"), StringComparison.Ordinal);
        Assert.Empty(app.Slack.Calls("chat.postEphemeral"));
    }

    [Fact]
    public async Task ModalSubmission_WithAProblem_IsAnsweredInTheAck_WithTheErrorUnderTheInput()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var envelope = await app.Slack.SendInteractiveAsync(Submission("fix_revise_modal", "instruction", "text", "change it"), cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);

        Assert.Equal("errors", ack.Payload!["response_action"]!.GetValue<string>());
        Assert.Contains("may revise fixes", ack.Payload["errors"]!["instruction"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModalSubmission_NobodyOwns_IsAckedWithoutPayload()
    {
        await using var app = await StartAsync();
        await app.Slack.WaitForSocketConnectionAsync(1, Wait, Ct);

        var envelope = await app.Slack.SendInteractiveAsync(Submission("no_such_modal", "b", "a", "x"), cancellationToken: Ct);
        var ack = await app.Slack.WaitForAckAsync(envelope, Wait, Ct);

        Assert.Null(ack.Payload);
    }

    private static async Task<AppFixture> StartAsync()
    {
        var app = new AppFixture();
        app.With("Slack:Mode", SlackModes.SocketMode).With("Slack:AppToken", app.Slack.AppToken).With("OpenAI:ApiKey", string.Empty);
        await app.InitializeAsync();
        _ = app.Services; // starts the host, and with it the listener
        return app;
    }

    private static string Click(string actionId, string value, Uri responseUrl) => new JsonObject
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = "U0USER", ["username"] = "someone", ["team_id"] = "T0TEAM" },
        ["team"] = new JsonObject { ["id"] = "T0TEAM", ["domain"] = "fake-team" },
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000100", ["channel_id"] = "C0CHAN" },
        ["channel"] = new JsonObject { ["id"] = "C0CHAN" },
        ["actions"] = new JsonArray(new JsonObject { ["type"] = "button", ["action_id"] = actionId, ["block_id"] = "b1", ["value"] = value, ["action_ts"] = "1700000001.000200" }),
        ["response_url"] = responseUrl.AbsoluteUri,
        ["trigger_id"] = "1.2.3",
    }.ToJsonString();

    private static string Submission(string callbackId, string blockId, string actionId, string value) => new JsonObject
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = "U0USER" },
        ["team"] = new JsonObject { ["id"] = "T0TEAM" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0001",
            ["callback_id"] = callbackId,
            ["private_metadata"] = "1",
            ["state"] = new JsonObject { ["values"] = new JsonObject { [blockId] = new JsonObject { [actionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } } } },
        },
    }.ToJsonString();
}
