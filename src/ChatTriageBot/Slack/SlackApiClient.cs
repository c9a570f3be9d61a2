using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Slack Web API client. Write methods send JSON (<c>charset=utf-8</c>), reads and uploads send forms. Slack's
/// <c>ok:false</c> becomes a <see cref="SlackApiException"/> carrying its error string, and so do a timeout
/// (<c>timeout</c>), a network failure (<c>network</c>) and an HTTP error (<c>http_503</c>). HTTP 429 waits for
/// <c>Retry-After</c> and retries a bounded number of times (a 429 means Slack did not process the call, so even a post
/// is safe to repeat). Server errors, timeouts and network failures are retried with backoff only for calls that are
/// safe to repeat (reads, updates, reactions); a post is never repeated here, because Slack may have processed it:
/// work that must post once uses <see cref="SlackPosts"/>, which can find what an earlier attempt posted. Every call is
/// logged at Debug (method, result, time), never its body.
/// </summary>
internal sealed class SlackApiClient(HttpClient http, IOptions<SlackOptions> options, SlackMetrics metrics, TimeProvider timeProvider, ILogger<SlackApiClient> logger)
{
    public const int MaxRateLimitRetries = 3;

    /// <summary>Attempts of a call that is safe to repeat when Slack fails (5xx), is too slow or cannot be reached.</summary>
    public const int TransientAttempts = 3;

    private static readonly TimeSpan FirstTransientDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Methods that change nothing, or change nothing more when repeated.</summary>
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal)
    {
        "auth.test", "chat.getPermalink", "chat.update", "conversations.replies", "conversations.history", "conversations.info",
        "users.info", "usergroups.users.list", "reactions.add", "files.delete", "files.getUploadURLExternal",
    };

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    private SlackOptions Options => options.Value;

    public async Task<SlackIdentity> AuthTestAsync(CancellationToken cancellationToken = default)
    {
        var root = await PostFormAsync("auth.test", [], Options.BotToken, cancellationToken);
        return new SlackIdentity(
            Required(root, "auth.test", "user_id"),
            Optional(root, "bot_id"),
            Optional(root, "team_id") ?? string.Empty,
            Optional(root, "url"));
    }

    public async Task<PostedMessage> PostMessageAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            ["channel"] = message.Channel,
            ["text"] = message.Text,
            ["unfurl_links"] = message.UnfurlLinks,
            ["unfurl_media"] = false,
        };
        if (message.Blocks is not null)
        {
            body["blocks"] = message.Blocks.DeepClone();
        }

        if (message.ThreadTs is not null)
        {
            body["thread_ts"] = message.ThreadTs;
        }

        if (message.Metadata is not null)
        {
            body["metadata"] = message.Metadata.ToJson();
        }

        var root = await PostJsonAsync("chat.postMessage", body, cancellationToken);
        return new PostedMessage(Required(root, "chat.postMessage", "channel"), Required(root, "chat.postMessage", "ts"));
    }

    /// <summary>Replaces the text and blocks of a message the bot posted.</summary>
    public async Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["ts"] = ts, ["text"] = text };
        body["blocks"] = blocks?.DeepClone() ?? new JsonArray();
        await PostJsonAsync("chat.update", body, cancellationToken);
    }

    /// <summary>A message only <paramref name="user"/> sees; returns its <c>message_ts</c>.</summary>
    public async Task<string> PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks = null, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
        if (blocks is not null)
        {
            body["blocks"] = blocks.DeepClone();
        }

        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        var root = await PostJsonAsync("chat.postEphemeral", body, cancellationToken);
        return Optional(root, "message_ts") ?? string.Empty;
    }

    /// <summary>Adds a reaction (<paramref name="name"/> without colons); one already there is not an error.</summary>
    public async Task AddReactionAsync(string channel, string ts, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await PostJsonAsync("reactions.add", new JsonObject { ["channel"] = channel, ["timestamp"] = ts, ["name"] = name.Trim(':') }, cancellationToken);
        }
        catch (SlackApiException exception) when (exception.Error == "already_reacted")
        {
            // Idempotent by intent.
        }
    }

    public async Task<Uri> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken = default)
    {
        var root = await PostFormAsync("chat.getPermalink", [new("channel", channel), new("message_ts", ts)], Options.BotToken, cancellationToken);
        return RequiredUri(root, "chat.getPermalink", "permalink");
    }

    /// <summary>A thread: the parent first, then its replies (all pages).</summary>
    public Task<IReadOnlyList<ThreadMessage>> GetRepliesAsync(string channel, string threadTs, int limit = 200, CancellationToken cancellationToken = default) =>
        ReadMessagesAsync("conversations.replies", [new("channel", channel), new("ts", threadTs), new("include_all_metadata", "true")], limit, cancellationToken);

    /// <summary>
    /// A channel's messages, newest first: the most recent <paramref name="limit"/>, or those since <paramref name="oldest"/>
    /// (a ts), each with its metadata (<c>include_all_metadata</c>).
    /// </summary>
    public Task<IReadOnlyList<ThreadMessage>> GetHistoryAsync(string channel, int limit = 100, string? oldest = null, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> arguments = [new("channel", channel), new("include_all_metadata", "true")];
        if (oldest is not null)
        {
            arguments.Add(new("oldest", oldest));
        }

        return ReadMessagesAsync("conversations.history", arguments, limit, cancellationToken);
    }

    /// <summary>The user's display name (or real name), and whether the user is a bot.</summary>
    public async Task<(string Name, bool IsBot)> GetUserAsync(string user, CancellationToken cancellationToken = default)
    {
        var root = await PostFormAsync("users.info", [new("user", user)], Options.BotToken, cancellationToken);
        var value = RequiredElement(root, "users.info", "user", JsonValueKind.Object);
        var profile = value.TryGetProperty("profile", out var p) ? p : default;
        var name = (profile.ValueKind == JsonValueKind.Object ? Optional(profile, "display_name") : null) is { Length: > 0 } display
            ? display
            : Optional(value, "real_name") ?? Optional(value, "name") ?? user;
        return (name, value.TryGetProperty("is_bot", out var bot) && bot.ValueKind == JsonValueKind.True);
    }

    /// <summary>Socket Mode: a single-use WebSocket URL, opened with the app-level token.</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        // The app-level token only: never fall back to the bot token here.
        var root = await SendAsync("apps.connections.open", () => new FormUrlEncodedContent([]), Options.AppToken, cancellationToken);
        return RequiredUri(root, "apps.connections.open", "url");
    }

    /// <summary>
    /// Uploads a file into a channel or thread with the current three-step flow (<c>files.upload</c> is retired):
    /// get an upload URL, POST the bytes there, then complete the upload into the conversation.
    /// </summary>
    public async Task<string> UploadFileAsync(string channel, string? threadTs, string filename, byte[] content, string? title = null, string? initialComment = null, string? snippetType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        List<KeyValuePair<string, string>> args = [new("filename", filename), new("length", content.Length.ToString(CultureInfo.InvariantCulture))];
        if (snippetType is not null)
        {
            args.Add(new("snippet_type", snippetType));
        }

        var ticket = await PostFormAsync("files.getUploadURLExternal", args, Options.BotToken, cancellationToken);
        var uploadUrl = RequiredUri(ticket, "files.getUploadURLExternal", "upload_url");
        var fileId = Required(ticket, "files.getUploadURLExternal", "file_id");

        using (var upload = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(content) })
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.BotToken);
            using var response = await TransportAsync("files.upload(bytes)", upload, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SlackApiException("files.upload(bytes)", $"http_{(int)response.StatusCode}");
            }
        }

        var body = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = title ?? filename }),
            ["channel_id"] = channel,
        };
        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        if (initialComment is not null)
        {
            body["initial_comment"] = initialComment;
        }

        await PostJsonAsync("files.completeUploadExternal", body, cancellationToken);
        return fileId;
    }

    /// <summary>Answers through an interaction's or command's <c>response_url</c> (no token; up to 5 times in 30 minutes).</summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await TransportAsync("response_url", request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
        }
    }

    /// <summary>Opens a modal with a click's <c>trigger_id</c> (valid for about three seconds); returns the view's id.</summary>
    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(triggerId);
        ArgumentNullException.ThrowIfNull(view);
        var root = await PostJsonAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view.DeepClone() }, cancellationToken);
        return root.TryGetProperty("view", out var opened) ? Optional(opened, "id") ?? string.Empty : string.Empty;
    }

    /// <summary>Deletes a file the bot uploaded; one already gone is not an error.</summary>
    public async Task DeleteFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        try
        {
            await PostJsonAsync("files.delete", new JsonObject { ["file"] = fileId }, cancellationToken);
        }
        catch (SlackApiException exception) when (exception.Error is "file_not_found" or "file_deleted")
        {
            // Idempotent by intent.
        }
    }

    /// <summary>Downloads a private file (a snippet or attachment) with the bot token, refusing more than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]?> DownloadFileAsync(Uri url, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Options.BotToken);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public Task<JsonElement> PostJsonAsync(string method, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = body.ToJsonString();
        return SendAsync(method, () => new StringContent(json, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }), Options.BotToken, cancellationToken);
    }

    /// <summary>A form-encoded call; <paramref name="token"/> defaults to the bot token.</summary>
    public Task<JsonElement> PostFormAsync(string method, IReadOnlyList<KeyValuePair<string, string>> arguments, string? token = null, CancellationToken cancellationToken = default) =>
        SendAsync(method, () => new FormUrlEncodedContent(arguments), token ?? Options.BotToken, cancellationToken);

    private async Task<IReadOnlyList<ThreadMessage>> ReadMessagesAsync(string method, List<KeyValuePair<string, string>> arguments, int limit, CancellationToken cancellationToken)
    {
        var messages = new List<ThreadMessage>();
        string? cursor = null;
        do
        {
            List<KeyValuePair<string, string>> page = [.. arguments, new("limit", Math.Min(limit, 200).ToString(CultureInfo.InvariantCulture))];
            if (cursor is not null)
            {
                page.Add(new("cursor", cursor));
            }

            var root = await PostFormAsync(method, page, Options.BotToken, cancellationToken);
            foreach (var item in RequiredElement(root, method, "messages", JsonValueKind.Array).EnumerateArray())
            {
                messages.Add(ReadMessage(item));
            }

            cursor = root.TryGetProperty("response_metadata", out var meta) ? Optional(meta, "next_cursor") : null;
        }
        while (!string.IsNullOrEmpty(cursor) && messages.Count < limit);

        return messages;
    }

    private static ThreadMessage ReadMessage(JsonElement item)
    {
        var files = new List<SlackFile>();
        if (item.TryGetProperty("files", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var file in list.EnumerateArray())
            {
                files.Add(new SlackFile(
                    Optional(file, "id") ?? string.Empty,
                    Optional(file, "name"),
                    Optional(file, "mimetype"),
                    Optional(file, "filetype"),
                    file.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0,
                    Optional(file, "url_private")));
            }
        }

        SlackMessageMetadata? metadata = null;
        if (item.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object && Optional(meta, "event_type") is { } eventType)
        {
            var payload = meta.TryGetProperty("event_payload", out var p) && p.ValueKind == JsonValueKind.Object ? JsonNode.Parse(p.GetRawText())!.AsObject() : new JsonObject();
            metadata = new SlackMessageMetadata(eventType, payload);
        }

        return new ThreadMessage(
            Optional(item, "ts") ?? string.Empty,
            Optional(item, "user"),
            Optional(item, "bot_id"),
            Optional(item, "text") ?? string.Empty,
            Optional(item, "thread_ts"),
            Optional(item, "subtype")) { Files = files, Metadata = metadata };
    }

    private async Task<JsonElement> SendAsync(string method, Func<HttpContent> content, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new SlackApiException(method, "not_authed");
        }

        var rateLimited = 0;
        var transientDelay = FirstTransientDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(method, content, token, cancellationToken);
            }
            catch (SlackApiException exception) when (exception.Error == "ratelimited" && exception.RetryAfter is { } wait && rateLimited < MaxRateLimitRetries)
            {
                // Slack did not process the call: even a post is safe to send again once the wait is over.
                rateLimited++;
                SlackLog.RateLimited(logger, method, wait.TotalSeconds, rateLimited);
                await Task.Delay(wait, timeProvider, cancellationToken);
                attempt--;
            }
            catch (SlackApiException exception) when (exception.IsTransient && exception.Error != "ratelimited" && Repeatable.Contains(method) && attempt < TransientAttempts)
            {
                SlackLog.TransientRetry(logger, method, exception.Error, attempt);
                await Task.Delay(transientDelay, timeProvider, cancellationToken);
                transientDelay *= 2;
            }
        }
    }

    private async Task<JsonElement> SendOnceAsync(string method, Func<HttpContent> content, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.ApiBaseUrl, method)) { Content = content() };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await TransportAsync(method, request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            throw new SlackApiException(method, "ratelimited") { RetryAfter = wait > MaxRetryAfter ? MaxRetryAfter : wait };
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new SlackApiException(method, "invalid_response", innerException: exception);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok))
        {
            throw new SlackApiException(method, "invalid_response");
        }

        if (ok.ValueKind != JsonValueKind.True)
        {
            var error = Optional(root, "error") ?? "unknown_error";
            var accepted = response.Headers.TryGetValues("x-accepted-oauth-scopes", out var scopes) ? string.Join(',', scopes) : null;
            throw new SlackApiException(method, error, Optional(root, "needed") ?? (error == "missing_scope" ? accepted : null), Optional(root, "provided"));
        }

        if (root.TryGetProperty("warning", out var warning))
        {
            SlackLog.ApiWarning(logger, method, warning.GetString() ?? string.Empty);
        }

        return root;
    }

    /// <summary>
    /// Sends one request and counts and logs it (at Debug: method, result, time). A timeout or a network failure becomes
    /// a <see cref="SlackApiException"/> (<c>timeout</c>, <c>network</c>); the caller's own cancellation stays a cancellation.
    /// </summary>
    private async Task<HttpResponseMessage> TransportAsync(string method, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        string result;
        try
        {
            var response = await http.SendAsync(request, cancellationToken);
            result = response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => "ratelimited",
                HttpStatusCode.OK => "ok",
                var status => $"http_{(int)status}",
            };
            Record(method, result, started);
            return response;
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            Record(method, "timeout", started);
            throw new SlackApiException(method, "timeout", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            Record(method, "network", started);
            throw new SlackApiException(method, "network", innerException: exception);
        }
    }

    private void Record(string method, string result, long started)
    {
        var elapsed = timeProvider.GetElapsedTime(started);
        metrics.ApiCall(method, result, elapsed);
        SlackLog.ApiCall(logger, method, result, elapsed.TotalMilliseconds);
    }

    /// <summary>A field a successful answer must have; without it (or of another type) a <see cref="SlackApiException"/> naming both.</summary>
    private static JsonElement RequiredElement(JsonElement root, string method, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : throw SlackApiException.MissingField(method, name);

    private static string Required(JsonElement root, string method, string name) =>
        RequiredElement(root, method, name, JsonValueKind.String).GetString()!;

    private static Uri RequiredUri(JsonElement root, string method, string name) =>
        Uri.TryCreate(Required(root, method, name), UriKind.Absolute, out var uri) ? uri : throw SlackApiException.MissingField(method, name);

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
