using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// The Slack Web API at <see cref="BaseUrl"/> (<c>http://127.0.0.1:PORT/api/</c>, usable as <c>Slack__ApiBaseUrl</c>).
/// Behaves like Slack: HTTP 200 with <c>{"ok":false,"error":…}</c> for failures, form or JSON bodies, Bearer tokens
/// (<see cref="BotToken"/>; <see cref="AppToken"/> for <c>apps.connections.open</c>). Messages posted or seeded with
/// <see cref="AddMessage(string, string, string, string?, string?)"/> are served back by
/// <c>conversations.history</c>/<c>conversations.replies</c>.
/// </summary>
/// <remarks>
/// Script answers by method name: <c>RespondWithError("chat.postMessage", "channel_not_found")</c>,
/// <c>RespondRateLimited("chat.postMessage", 1)</c> (HTTP 429, <c>Retry-After</c>, <c>error: ratelimited</c>).
/// Inspect with <see cref="Calls"/> or wait with <see cref="WaitForCallAsync"/>.
/// Socket Mode (the URLs <c>apps.connections.open</c> hands out) is in <c>FakeSlackServer.SocketMode.cs</c>.
/// </remarks>
public sealed partial class FakeSlackServer : FakeHttpServer
{
    /// <summary>Path of the Web API methods.</summary>
    public const string ApiPath = "/api/";

    /// <summary>Path the Socket Mode URLs from <c>apps.connections.open</c> point at.</summary>
    public const string SocketPath = "/socket";

    /// <summary>Path of the interaction response URLs handed out by <see cref="NewResponseUrl"/> (Slack's <c>hooks.slack.com/actions/…</c>).</summary>
    public const string ResponsePath = "/actions/";

    /// <summary>Slack accepts a response URL this many times (within 30 minutes); later posts are refused.</summary>
    public const int ResponseUrlUses = 5;

    /// <summary>Path (plus file id) of the upload URLs from <c>files.getUploadURLExternal</c>.</summary>
    public const string UploadPath = "/upload/v1/";

    private const string AppsConnectionsOpen = "apps.connections.open";

    private readonly Lock state = new();
    private readonly Dictionary<string, Func<SlackCall, JsonObject>> methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<JsonObject>> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SlackUpload> uploads = new(StringComparer.Ordinal);
    private readonly HashSet<string> reactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Mimetype, byte[] Content)> files = new(StringComparer.Ordinal);
    private long messageCounter;
    private long fileCounter;
    private long ticketCounter;
    private long responseCounter;
    private long viewCounter;

    public FakeSlackServer()
    {
        methods["api.test"] = call => Ok(new JsonObject { ["args"] = ToJson(call.Arguments) });
        methods["auth.test"] = _ => AuthTest();
        methods["chat.postMessage"] = PostMessage;
        methods["chat.update"] = Update;
        methods["chat.postEphemeral"] = PostEphemeral;
        methods["chat.getPermalink"] = GetPermalink;
        methods["reactions.add"] = AddReaction;
        methods["conversations.replies"] = Replies;
        methods["conversations.history"] = History;
        methods["users.info"] = UserInfo;
        methods["files.getUploadURLExternal"] = GetUploadUrl;
        methods["files.completeUploadExternal"] = CompleteUpload;
        methods[AppsConnectionsOpen] = _ => Ok(new JsonObject { ["url"] = NextSocketUrl() });
        methods["views.open"] = OpenView;
        methods["files.delete"] = DeleteFile;
    }

    /// <summary><c>http://127.0.0.1:PORT/api/</c>: append a method name to call it.</summary>
    public Uri BaseUrl => new(BaseAddress, ApiPath);

    /// <summary>The bot token every method but <c>apps.connections.open</c> expects; null accepts any Bearer token.</summary>
    public string? BotToken { get; set; } = "xoxb-fake-bot-token";

    /// <summary>The app-level token <c>apps.connections.open</c> expects; null accepts any Bearer token.</summary>
    public string? AppToken { get; set; } = "xapp-fake-app-token";

    public string BotUserId { get; set; } = "U0BOT";

    public string BotUserName { get; set; } = "triagebot";

    public string BotId { get; set; } = "B0BOT";

    public string TeamId { get; set; } = "T0TEAM";

    public string TeamName { get; set; } = "Fake Team";

    /// <summary>Used in <c>auth.test</c>'s url and in permalinks (<c>https://{TeamDomain}.slack.com/…</c>).</summary>
    public string TeamDomain { get; set; } = "fake-team";

    public string AppId { get; set; } = "A0APP";

    /// <summary>Every file that went through <c>files.getUploadURLExternal</c>, in order.</summary>
    public IReadOnlyList<SlackUpload> Uploads
    {
        get
        {
            lock (state)
            {
                return [.. uploads.Values.OrderBy(u => u.FileId, StringComparer.Ordinal)];
            }
        }
    }

    protected override string RoutePrefix => ApiPath;

    /// <summary>Every Web API call received (uploads excluded), in order.</summary>
    public IReadOnlyList<SlackCall> AllCalls() =>
        [.. Requests.Where(r => r.Path.StartsWith(ApiPath, StringComparison.Ordinal)).Select(SlackCall.From)];

    /// <summary>Every call to <paramref name="method"/> (e.g. <c>chat.postMessage</c>), in order.</summary>
    public IReadOnlyList<SlackCall> Calls(string method) =>
        [.. Requests.Where(r => r.Path == ApiPath + method).Select(SlackCall.From)];

    /// <summary>Waits for the first call to <paramref name="method"/> that matches <paramref name="predicate"/> (any when null).</summary>
    public async Task<SlackCall> WaitForCallAsync(
        string method,
        Func<SlackCall, bool>? predicate = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var request = await WaitForRequestAsync(
            r => r.Path == ApiPath + method && (predicate is null || predicate(SlackCall.From(r))),
            timeout,
            cancellationToken);
        return SlackCall.From(request);
    }

    /// <summary>A fresh response URL on this server, as Slack puts in an interaction payload.</summary>
    public Uri NewResponseUrl() =>
        new(BaseAddress, $"{ResponsePath}{TeamId}/{Interlocked.Increment(ref responseCounter).ToString(CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}");

    /// <summary>Every post to a response URL (answers only the clicker sees), in order; <see cref="SlackCall.Arguments"/> holds the JSON body's fields.</summary>
    public IReadOnlyList<SlackCall> Responses() =>
        [.. Requests.Where(r => r.Path.StartsWith(ResponsePath, StringComparison.Ordinal)).Select(SlackCall.From)];

    /// <summary>Waits for the first post to a response URL that matches <paramref name="predicate"/> (any when null).</summary>
    public async Task<SlackCall> WaitForResponseAsync(Func<SlackCall, bool>? predicate = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var request = await WaitForRequestAsync(
            r => r.Path.StartsWith(ResponsePath, StringComparison.Ordinal) && (predicate is null || predicate(SlackCall.From(r))),
            timeout,
            cancellationToken);
        return SlackCall.From(request);
    }

    /// <summary>Queues <c>{"ok":false,"error":<paramref name="error"/>}</c> (HTTP 200) for the next calls to <paramref name="method"/>.</summary>
    public void RespondWithError(string method, string error, int times = 1) =>
        RespondWith(method, FakeResponse.Json(Error(error)), times);

    /// <summary>Replaces the default answer of a method (or adds one); the handler returns the whole body, <c>ok</c> included.</summary>
    public void Handle(string method, Func<SlackCall, JsonObject> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (state)
        {
            methods[method] = handler;
        }
    }

    /// <summary>Seeds a message for <c>conversations.history</c>/<c>replies</c>; a thread reply when <paramref name="threadTs"/> is set.</summary>
    public JsonObject AddMessage(string channel, string ts, string text, string? user = "U0USER", string? threadTs = null)
    {
        var message = new JsonObject { ["type"] = "message", ["user"] = user, ["text"] = text, ["ts"] = ts };
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        AddMessage(channel, message);
        return message;
    }

    /// <summary>Seeds a message object as Slack would return it (needs at least <c>ts</c>).</summary>
    public void AddMessage(string channel, JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (state)
        {
            ChannelMessages(channel).Add(message);
        }
    }

    /// <summary>The messages of a channel (seeded and posted), oldest first; copies.</summary>
    public IReadOnlyList<JsonObject> Messages(string channel)
    {
        lock (state)
        {
            return [.. ChannelMessages(channel).OrderBy(m => SortKey(m["ts"]?.GetValue<string>())).Select(m => m.DeepClone().AsObject())];
        }
    }

    /// <summary>Seeds a user for <c>users.info</c>.</summary>
    public JsonObject AddUser(string id, string name, string? realName = null, bool isBot = false, string timeZone = "Europe/Berlin")
    {
        var user = new JsonObject
        {
            ["id"] = id,
            ["team_id"] = TeamId,
            ["name"] = name,
            ["real_name"] = realName ?? name,
            ["is_bot"] = isBot,
            ["deleted"] = false,
            ["tz"] = timeZone,
            ["profile"] = new JsonObject { ["display_name"] = name, ["real_name"] = realName ?? name },
        };
        AddUser(user);
        return user;
    }

    /// <summary>Seeds a user object as Slack would return it (needs <c>id</c>).</summary>
    public void AddUser(JsonObject user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user["id"]?.GetValue<string>() ?? throw new ArgumentException("A Slack user needs an \"id\".", nameof(user));
        lock (state)
        {
            users[id] = user;
        }
    }

    /// <summary>Path of private file downloads (<c>url_private</c>), which need the bot token like Slack's.</summary>
    public const string FilesPath = "/files-pri/";

    /// <summary>
    /// A file shared by a customer: the returned object goes into a message's <c>files</c> array; its
    /// <c>url_private</c> serves <paramref name="content"/> to a request with the bot token.
    /// </summary>
    public JsonObject AddFile(string name, string mimetype, string filetype, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = $"F0SHARED{Interlocked.Increment(ref fileCounter):D4}";
        lock (state)
        {
            files[id] = (mimetype, content);
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["mimetype"] = mimetype,
            ["filetype"] = filetype,
            ["size"] = content.Length,
            ["url_private"] = new Uri(BaseAddress, $"{FilesPath}{TeamId}-{id}/{Uri.EscapeDataString(name)}").AbsoluteUri,
        };
    }

    /// <summary>The upload with this file id, or null.</summary>
    public SlackUpload? Upload(string fileId)
    {
        lock (state)
        {
            return uploads.GetValueOrDefault(fileId);
        }
    }

    public override void Reset()
    {
        base.Reset();
        lock (state)
        {
            messages.Clear();
            uploads.Clear();
            reactions.Clear();
        }
    }

    /// <summary><c>{"ok":true, …}</c>.</summary>
    public static JsonObject Ok(JsonObject? fields = null)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (name, value) in fields ?? [])
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }

    /// <summary><c>{"ok":false,"error":…}</c>.</summary>
    public static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    protected override FakeResponse RateLimited(int retryAfterSeconds) =>
        FakeResponse.Json(Error("ratelimited"), StatusCodes.Status429TooManyRequests)
            .WithHeader(HeaderNames.RetryAfter, retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    protected override FakeResponse ServerError() => FakeResponse.Json(Error("internal_error"), StatusCodes.Status500InternalServerError);

    protected override async ValueTask<FakeResponse> RespondAsync(RecordedRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Path.StartsWith(UploadPath, StringComparison.Ordinal))
        {
            return await ReceiveUploadAsync(request, cancellationToken);
        }

        if (request.Path.StartsWith(FilesPath, StringComparison.Ordinal))
        {
            return ServeFile(request);
        }

        if (request.Path.StartsWith(ResponsePath, StringComparison.Ordinal))
        {
            return Respond(request);
        }

        if (!request.Path.StartsWith(ApiPath, StringComparison.Ordinal))
        {
            return FakeResponse.Text($"FakeSlackServer serves {ApiPath}{{method}}, not {request.Path}.", StatusCodes.Status404NotFound);
        }

        var call = SlackCall.From(request);
        return FakeResponse.Json(Answer(call));
    }

    /// <summary>
    /// A post to a response URL: JSON with <c>text</c> or <c>blocks</c> (no token needed), accepted
    /// <see cref="ResponseUrlUses"/> times per URL like Slack's.
    /// </summary>
    private FakeResponse Respond(RecordedRequest request)
    {
        var uses = Requests.Count(r => r.Path == request.Path);
        if (uses > ResponseUrlUses)
        {
            return FakeResponse.Json(Error("used_url"), StatusCodes.Status404NotFound);
        }

        var call = SlackCall.From(request);
        if (call.Json is not { ValueKind: JsonValueKind.Object })
        {
            return FakeResponse.Json(Error("invalid_payload"), StatusCodes.Status400BadRequest);
        }

        return call.Argument("text") is { Length: > 0 } || call.Argument("blocks") is { Length: > 0 }
            ? FakeResponse.Json(Ok())
            : FakeResponse.Json(Error("no_text"), StatusCodes.Status400BadRequest);
    }

    private FakeResponse ServeFile(RecordedRequest request)
    {
        if (request.Authorization != $"Bearer {BotToken}")
        {
            // Slack answers an unauthenticated download with its login page, not the file.
            return FakeResponse.Text("<html>sign in</html>", StatusCodes.Status403Forbidden);
        }

        var id = request.Path[FilesPath.Length..].Split('/')[0].Split('-')[^1];
        lock (state)
        {
            return files.TryGetValue(id, out var file)
                ? FakeResponse.Bytes(file.Content, file.Mimetype)
                : FakeResponse.Text("not found", StatusCodes.Status404NotFound);
        }
    }

    private static string SortKey(string? ts) => (ts ?? string.Empty).PadLeft(24, '0');

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> arguments)
    {
        var json = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            json[name] = value;
        }

        return json;
    }

    private static bool IsTrue(string? value) => value is "true" or "1";

    private static int ParseInt(string? value, int fallback) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : fallback;

    /// <summary>Pages like Slack: <c>cursor</c> is an offset here, <c>next_cursor</c> is empty on the last page.</summary>
    private static JsonObject Page(List<JsonObject> all, SlackCall call, int defaultLimit)
    {
        var offset = ParseInt(call.Argument("cursor"), 0);
        var limit = ParseInt(call.Argument("limit"), defaultLimit);
        var page = all.Skip(offset).Take(limit).Select(m => (JsonNode?)m.DeepClone()).ToArray();
        var hasMore = offset + limit < all.Count;
        return Ok(new JsonObject
        {
            ["messages"] = new JsonArray(page),
            ["has_more"] = hasMore,
            ["response_metadata"] = new JsonObject
            {
                ["next_cursor"] = hasMore ? (offset + limit).ToString(CultureInfo.InvariantCulture) : string.Empty,
            },
        });
    }

    private JsonObject Answer(SlackCall call)
    {
        if (call.IsJsonBody && call.Json is null)
        {
            return Error("invalid_json");
        }

        if (call.Json is { ValueKind: not JsonValueKind.Object })
        {
            return Error("json_not_object");
        }

        if (call.Token is not { Length: > 0 } token)
        {
            return Error("not_authed");
        }

        var isAppMethod = call.Method == AppsConnectionsOpen;
        var expected = isAppMethod ? AppToken : BotToken;
        if (expected is not null && token != expected)
        {
            var other = isAppMethod ? BotToken : AppToken;
            return Error(token == other ? "not_allowed_token_type" : "invalid_auth");
        }

        Func<SlackCall, JsonObject>? handler;
        lock (state)
        {
            methods.TryGetValue(call.Method, out handler);
        }

        if (handler is null)
        {
            return new JsonObject { ["ok"] = false, ["error"] = "unknown_method", ["req_method"] = call.Method };
        }

        var body = handler(call);
        if (call.IsJsonBody && body["ok"]?.GetValue<bool>() == true
            && call.Request.ContentType?.Contains("charset", StringComparison.OrdinalIgnoreCase) != true)
        {
            body["warning"] = "missing_charset";
            body["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray("missing_charset") };
        }

        return body;
    }

    private JsonObject AuthTest() => Ok(new JsonObject
    {
        ["url"] = $"https://{TeamDomain}.slack.com/",
        ["team"] = TeamName,
        ["user"] = BotUserName,
        ["team_id"] = TeamId,
        ["user_id"] = BotUserId,
        ["bot_id"] = BotId,
        ["app_id"] = AppId,
        ["is_enterprise_install"] = false,
    });

    private string NextTs()
    {
        var micros = Interlocked.Increment(ref messageCounter) * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + (micros / 1_000_000)}.{micros % 1_000_000:D6}");
    }

    private string NextSocketUrl()
    {
        var ticket = Interlocked.Increment(ref ticketCounter).ToString(CultureInfo.InvariantCulture);
        IssueTicket(ticket);
        return $"ws://{BaseAddress.Authority}{SocketPath}?ticket={ticket}";
    }

    private List<JsonObject> ChannelMessages(string channel)
    {
        if (!messages.TryGetValue(channel, out var list))
        {
            messages[channel] = list = [];
        }

        return list;
    }

    private JsonObject? FindMessage(string channel, string ts) =>
        messages.TryGetValue(channel, out var list) ? list.FirstOrDefault(m => m["ts"]?.GetValue<string>() == ts) : null;

    /// <summary>Copies text and blocks into a message; returns an error body when the blocks are not JSON.</summary>
    private static JsonObject? ApplyContent(SlackCall call, JsonObject message)
    {
        if (call.Argument("text") is { } text)
        {
            message["text"] = text;
        }

        if (call.Argument("blocks") is { Length: > 0 } blocks)
        {
            try
            {
                message["blocks"] = JsonNode.Parse(blocks) as JsonArray ?? throw new JsonException("blocks is not an array");
            }
            catch (JsonException)
            {
                return Error("invalid_blocks_format");
            }
        }

        return null;
    }

    private JsonObject PostMessage(SlackCall call)
    {
        if (call.Argument("channel") is not { Length: > 0 } channel)
        {
            return Error("channel_not_found");
        }

        if (call.Argument("text") is not { Length: > 0 } && call.Argument("blocks") is not { Length: > 0 }
            && call.Argument("markdown_text") is not { Length: > 0 })
        {
            return Error("no_text");
        }

        var message = new JsonObject
        {
            ["type"] = "message",
            ["user"] = BotUserId,
            ["bot_id"] = BotId,
            ["app_id"] = AppId,
            ["team"] = TeamId,
            ["text"] = call.Argument("text") ?? call.Argument("markdown_text") ?? string.Empty,
            ["ts"] = NextTs(),
        };
        if (ApplyContent(call, message) is { } error)
        {
            return error;
        }

        if (call.Argument("thread_ts") is { Length: > 0 } threadTs)
        {
            message["thread_ts"] = threadTs;
        }

        if (call.Argument("metadata") is { Length: > 0 } metadata)
        {
            // Slack's shape: {"event_type": "...", "event_payload": {...}}; anything else is refused.
            JsonObject? parsed;
            try
            {
                parsed = JsonNode.Parse(metadata) as JsonObject;
            }
            catch (JsonException)
            {
                parsed = null;
            }

            if (parsed?["event_type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || parsed["event_payload"] is not JsonObject)
            {
                return Error("invalid_metadata_format");
            }

            message["metadata"] = parsed.DeepClone();
        }

        lock (state)
        {
            ChannelMessages(channel).Add(message);
        }

        return Ok(new JsonObject { ["channel"] = channel, ["ts"] = message["ts"]!.DeepClone(), ["message"] = WithoutMetadata(message) });
    }

    private JsonObject Update(SlackCall call)
    {
        if (call.Argument("channel") is not { Length: > 0 } channel)
        {
            return Error("channel_not_found");
        }

        var ts = call.Argument("ts") ?? string.Empty;
        lock (state)
        {
            if (FindMessage(channel, ts) is not { } message)
            {
                return Error("message_not_found");
            }

            if (ApplyContent(call, message) is { } error)
            {
                return error;
            }

            return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = message["text"]?.DeepClone(), ["message"] = message.DeepClone() });
        }
    }

    private JsonObject PostEphemeral(SlackCall call)
    {
        if (call.Argument("channel") is not { Length: > 0 })
        {
            return Error("channel_not_found");
        }

        if (call.Argument("user") is not { Length: > 0 })
        {
            return Error("user_not_found");
        }

        return Ok(new JsonObject { ["message_ts"] = NextTs() });
    }

    /// <summary><c>views.open</c>: a trigger id and a modal view (title at most 24 chars, at most 100 blocks, a <c>callback_id</c>).</summary>
    private JsonObject OpenView(SlackCall call)
    {
        if (call.Argument("trigger_id") is not { Length: > 0 })
        {
            return Error("invalid_trigger_id");
        }

        JsonObject? view;
        try
        {
            view = JsonNode.Parse(call.Argument("view") ?? string.Empty) as JsonObject;
        }
        catch (JsonException)
        {
            view = null;
        }

        if (view is null || view["type"]?.GetValue<string>() != "modal" || view["blocks"] is not JsonArray { Count: > 0 and <= 100 }
            || view["title"]?["text"]?.GetValue<string>() is not { Length: > 0 and <= 24 })
        {
            return Error("invalid_arguments");
        }

        view["id"] = "V" + Interlocked.Increment(ref viewCounter).ToString("D8", CultureInfo.InvariantCulture);
        view["team_id"] = TeamId;
        return Ok(new JsonObject { ["view"] = view });
    }

    private JsonObject DeleteFile(SlackCall call)
    {
        lock (state)
        {
            var id = call.Argument("file") ?? string.Empty;
            if (!uploads.TryGetValue(id, out var upload) || upload.Deleted)
            {
                return Error("file_not_found");
            }

            uploads[id] = upload with { Deleted = true };
            return Ok();
        }
    }

    private JsonObject GetPermalink(SlackCall call)
    {
        if (call.Argument("channel") is not { Length: > 0 } channel)
        {
            return Error("channel_not_found");
        }

        if (call.Argument("message_ts") is not { Length: > 0 } ts)
        {
            return Error("message_not_found");
        }

        return Ok(new JsonObject
        {
            ["channel"] = channel,
            ["permalink"] = $"https://{TeamDomain}.slack.com/archives/{channel}/p{ts.Replace(".", string.Empty, StringComparison.Ordinal)}",
        });
    }

    private JsonObject AddReaction(SlackCall call)
    {
        if (call.Argument("channel") is not { Length: > 0 } channel)
        {
            return Error("channel_not_found");
        }

        if (call.Argument("timestamp") is not { Length: > 0 } ts)
        {
            return Error("message_not_found");
        }

        if (call.Argument("name") is not { Length: > 0 } name || name.Contains(':', StringComparison.Ordinal))
        {
            return Error("invalid_name");
        }

        lock (state)
        {
            return reactions.Add($"{channel}/{ts}/{name}") ? Ok() : Error("already_reacted");
        }
    }

    private JsonObject Replies(SlackCall call)
    {
        var channel = call.Argument("channel") ?? string.Empty;
        var parent = call.Argument("ts") ?? string.Empty;
        List<JsonObject> thread;
        lock (state)
        {
            thread = [.. ChannelMessages(channel)
                .Where(m => m["ts"]?.GetValue<string>() == parent || m["thread_ts"]?.GetValue<string>() == parent)
                .OrderBy(m => SortKey(m["ts"]?.GetValue<string>()), StringComparer.Ordinal)];
        }

        return thread.Count == 0 ? Error("thread_not_found") : Page(Visible(thread, call), call, 1000);
    }

    private JsonObject History(SlackCall call)
    {
        var channel = call.Argument("channel") ?? string.Empty;
        var oldest = Ts(call.Argument("oldest"));
        var latest = Ts(call.Argument("latest"));
        List<JsonObject> history;
        lock (state)
        {
            history = [.. ChannelMessages(channel)
                .Where(m => m["thread_ts"] is null || m["thread_ts"]?.GetValue<string>() == m["ts"]?.GetValue<string>())
                .Where(m => (oldest is null || Ts(m["ts"]?.GetValue<string>()) > oldest) && (latest is null || Ts(m["ts"]?.GetValue<string>()) < latest))
                .OrderByDescending(m => SortKey(m["ts"]?.GetValue<string>()), StringComparer.Ordinal)];
        }

        return Page(Visible(history, call), call, 100);
    }

    /// <summary>A ts as a number, for <c>oldest</c>/<c>latest</c> (exclusive, as Slack's default).</summary>
    private static decimal? Ts(string? ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Messages as a read returns them: metadata only when the call asked for it (<c>include_all_metadata</c>).</summary>
    private static List<JsonObject> Visible(List<JsonObject> messages, SlackCall call) =>
        IsTrue(call.Argument("include_all_metadata")) ? messages : [.. messages.Select(WithoutMetadata)];

    private static JsonObject WithoutMetadata(JsonObject message)
    {
        var copy = message.DeepClone().AsObject();
        copy.Remove("metadata");
        return copy;
    }

    private JsonObject UserInfo(SlackCall call)
    {
        lock (state)
        {
            return users.TryGetValue(call.Argument("user") ?? string.Empty, out var user)
                ? Ok(new JsonObject { ["user"] = user.DeepClone() })
                : Error("user_not_found");
        }
    }

    private JsonObject GetUploadUrl(SlackCall call)
    {
        if (call.Argument("filename") is not { Length: > 0 } filename
            || !long.TryParse(call.Argument("length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var length))
        {
            return Error("invalid_arguments");
        }

        var fileId = "F" + Interlocked.Increment(ref fileCounter).ToString("D8", CultureInfo.InvariantCulture);
        lock (state)
        {
            uploads[fileId] = new SlackUpload(fileId, filename, length);
        }

        return Ok(new JsonObject { ["upload_url"] = new Uri(BaseAddress, UploadPath + fileId).AbsoluteUri, ["file_id"] = fileId });
    }

    private async Task<FakeResponse> ReceiveUploadAsync(RecordedRequest request, CancellationToken cancellationToken)
    {
        var fileId = request.Path[UploadPath.Length..];
        var bytes = request.Body;
        if (request.ContentType is { } contentType && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value ?? string.Empty;
            var reader = new MultipartReader(boundary, new MemoryStream(request.Body.ToArray()));
            if (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                using var part = new MemoryStream();
                await section.Body.CopyToAsync(part, cancellationToken);
                bytes = part.ToArray();
            }
        }

        lock (state)
        {
            if (!uploads.TryGetValue(fileId, out var upload))
            {
                return FakeResponse.Text($"FakeSlackServer: no upload URL was handed out for {fileId}.", StatusCodes.Status404NotFound);
            }

            uploads[fileId] = upload with { Bytes = bytes };
        }

        return FakeResponse.Text(string.Create(CultureInfo.InvariantCulture, $"OK - {bytes.Length}"));
    }

    private JsonObject CompleteUpload(SlackCall call)
    {
        JsonArray? files;
        try
        {
            files = JsonNode.Parse(call.Argument("files") ?? string.Empty) as JsonArray;
        }
        catch (JsonException)
        {
            files = null;
        }

        if (files is null || files.Count == 0)
        {
            return Error("invalid_arguments");
        }

        var completed = new JsonArray();
        var channelId = call.Argument("channel_id") ?? call.Argument("channels");
        var shared = new JsonArray();
        lock (state)
        {
            foreach (var file in files)
            {
                var id = file?["id"]?.GetValue<string>() ?? string.Empty;
                if (!uploads.TryGetValue(id, out var upload) || upload.Bytes is null)
                {
                    return Error("file_not_found");
                }

                var title = file?["title"]?.GetValue<string>() ?? upload.Filename;
                uploads[id] = upload with
                {
                    Completed = true,
                    Title = title,
                    ChannelId = call.Argument("channel_id") ?? call.Argument("channels"),
                    ThreadTs = call.Argument("thread_ts"),
                    InitialComment = call.Argument("initial_comment"),
                };
                completed.Add(new JsonObject { ["id"] = id, ["title"] = title });
                shared.Add(new JsonObject { ["id"] = id, ["name"] = upload.Filename, ["title"] = title, ["size"] = upload.Bytes?.Length ?? 0 });
            }

            if (channelId is { Length: > 0 })
            {
                // Completing into a channel shares the files there: a message of the bot's carrying them, as Slack posts it.
                var message = new JsonObject
                {
                    ["type"] = "message",
                    ["user"] = BotUserId,
                    ["bot_id"] = BotId,
                    ["text"] = call.Argument("initial_comment") ?? string.Empty,
                    ["ts"] = NextTs(),
                    ["files"] = shared,
                    ["upload"] = true,
                };
                if (call.Argument("thread_ts") is { Length: > 0 } threadTs)
                {
                    message["thread_ts"] = threadTs;
                }

                ChannelMessages(channelId).Add(message);
            }
        }

        return Ok(new JsonObject { ["files"] = completed });
    }
}
