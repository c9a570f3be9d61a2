using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatTriageBot.Slack;

namespace ChatTriageBot.Tests.Builders;

/// <summary>Builds Slack's inbound requests (Events API, interactivity, slash commands), signed as Slack signs them.</summary>
public static class SlackRequests
{
    public const string Team = "T0TEAM";
    public const string Channel = "C0SUPPORT";
    public const string Engineer = "U0ENGINEER";

    private static int _sequence;

    /// <summary>A unique message ts, the way Slack writes them.</summary>
    public static string NextTs() => $"1700001{Interlocked.Increment(ref _sequence):D3}.{Random.Shared.Next(100000, 999999)}";

    public static string NextEventId() => $"Ev{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";

    public static JsonObject Envelope(JsonObject inner, string? eventId = null, string appId = "A0APP") => new()
    {
        ["token"] = "deprecated",
        ["team_id"] = Team,
        ["api_app_id"] = appId,
        ["event"] = inner,
        ["type"] = "event_callback",
        ["event_id"] = eventId ?? NextEventId(),
        ["event_time"] = 1700001000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = Team, ["user_id"] = "U0BOT", ["is_bot"] = true }),
    };

    public static JsonObject AppMention(string botUserId, string ts, string? threadTs = null, string text = "can you look at this?", string user = Engineer)
    {
        var evt = new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = $"<@{botUserId}> {text}",
            ["ts"] = ts,
            ["channel"] = Channel,
            ["event_ts"] = ts,
            ["team"] = Team,
        };
        if (threadTs is not null)
        {
            evt["thread_ts"] = threadTs;
        }

        return evt;
    }

    public static JsonObject Message(string ts, string text, string user = Engineer, string? threadTs = null, string channelType = "channel")
    {
        var evt = new JsonObject
        {
            ["type"] = "message",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["channel"] = Channel,
            ["channel_type"] = channelType,
            ["event_ts"] = ts,
            ["team"] = Team,
        };
        if (threadTs is not null)
        {
            evt["thread_ts"] = threadTs;
        }

        return evt;
    }

    public static HttpRequestMessage SignedPost(string path, string body, string contentType, string secret, long? timestamp = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, ts);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(secret, ts, bytes));
        return request;
    }

    public static HttpRequestMessage Event(JsonObject envelope, string secret, int? retryNum = null)
    {
        var request = SignedPost("/slack/events", envelope.ToJsonString(), "application/json", secret);
        if (retryNum is { } retry)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }

    public static HttpRequestMessage Command(string text, string secret, string user = Engineer, string command = "/triage") =>
        SignedPost("/slack/commands", Form(new()
        {
            ["token"] = "deprecated",
            ["team_id"] = Team,
            ["channel_id"] = Channel,
            ["user_id"] = user,
            ["command"] = command,
            ["text"] = text,
            ["response_url"] = "https://hooks.slack.com/commands/T0TEAM/1/abc",
            ["trigger_id"] = "1.2.3",
        }), "application/x-www-form-urlencoded", secret);

    public static HttpRequestMessage BlockAction(
        string actionId, string value, string secret, string user = Engineer, string messageTs = "1700000000.000100", Uri? responseUrl = null, string triggerId = "1.2.3") =>
        SignedPost("/slack/interactions", Form(new()
        {
            ["payload"] = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = user, ["username"] = "eng", ["team_id"] = Team },
                ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "fake" },
                ["api_app_id"] = "A0APP",
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = Channel, ["is_ephemeral"] = false },
                ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "support" },
                ["message"] = new JsonObject { ["ts"] = messageTs, ["text"] = "diagnosis" },
                ["response_url"] = responseUrl?.AbsoluteUri ?? "https://hooks.slack.com/actions/T0TEAM/1/abc",
                ["trigger_id"] = triggerId,
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "button",
                    ["action_id"] = actionId,
                    ["block_id"] = "b1",
                    ["value"] = value,
                    ["action_ts"] = "1700000100.000001",
                }),
            }.ToJsonString(),
        }), "application/x-www-form-urlencoded", secret);

    /// <summary>A signed <c>view_submission</c> of a modal with one text input.</summary>
    public static HttpRequestMessage ViewSubmission(
        string callbackId, string privateMetadata, string blockId, string actionId, string? value, string secret, string user = Engineer, string viewId = "V0VIEW1") =>
        SignedPost("/slack/interactions", Form(new()
        {
            ["payload"] = new JsonObject
            {
                ["type"] = "view_submission",
                ["user"] = new JsonObject { ["id"] = user, ["username"] = "eng", ["team_id"] = Team },
                ["team"] = new JsonObject { ["id"] = Team, ["domain"] = "fake" },
                ["api_app_id"] = "A0APP",
                ["trigger_id"] = "4.5.6",
                ["view"] = new JsonObject
                {
                    ["id"] = viewId,
                    ["type"] = "modal",
                    ["callback_id"] = callbackId,
                    ["private_metadata"] = privateMetadata,
                    ["state"] = new JsonObject
                    {
                        ["values"] = new JsonObject
                        {
                            [blockId] = new JsonObject { [actionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } },
                        },
                    },
                },
            }.ToJsonString(),
        }), "application/x-www-form-urlencoded", secret);

    public static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
