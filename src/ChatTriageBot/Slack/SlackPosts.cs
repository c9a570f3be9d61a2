using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack;

/// <summary>
/// Messages and files that can be found again, so work that may run twice (a job re-run after its process died)
/// posts them once. A message is tagged with Slack message metadata (<see cref="EventType"/>, payload
/// <c>{"key": …}</c>) and a file is uploaded under a name unique to it; when the caller says an earlier attempt may
/// already have posted (it recorded that it began and not that it finished), the thread, or the channel's recent
/// history for a top-level post, is searched for the key (<c>include_all_metadata</c>) or the name first, and what is
/// found is returned instead of posting again. Knows no feature: callers choose the keys.
/// </summary>
internal sealed class SlackPosts(SlackApiClient slack)
{
    /// <summary>The metadata event type of every findable post; its payload's <c>key</c> names the post.</summary>
    public const string EventType = "chattriagebot_post";

    /// <summary>How much of a channel's history is searched for a top-level post.</summary>
    public const int HistoryToSearch = 200;

    /// <summary>
    /// Posts <paramref name="message"/> tagged with <paramref name="key"/>; with <paramref name="lookFirst"/>, a message
    /// already tagged so in its thread (or channel) is returned instead.
    /// </summary>
    public async Task<PostedMessage> PostAsync(OutgoingMessage message, string key, bool lookFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (lookFirst && await FindAsync(message.Channel, message.ThreadTs, key, cancellationToken) is { } found)
        {
            return found;
        }

        var payload = message.Metadata?.Payload.DeepClone().AsObject() ?? [];
        payload["key"] = key;
        return await slack.PostMessageAsync(message with { Metadata = new SlackMessageMetadata(message.Metadata?.EventType ?? EventType, payload) }, cancellationToken);
    }

    /// <summary>The message tagged with <paramref name="key"/> in the thread (or, with no thread, the channel's recent history), or null.</summary>
    public async Task<PostedMessage?> FindAsync(string channel, string? threadTs, string key, CancellationToken cancellationToken)
    {
        var messages = await ReadAsync(channel, threadTs, cancellationToken);
        return messages.FirstOrDefault(m => KeyOf(m) == key) is { } found ? new PostedMessage(channel, found.Ts) : null;
    }

    /// <summary>
    /// Uploads a file into the thread (or channel) under <paramref name="filename"/>, which must name this one file
    /// only; with <paramref name="lookFirst"/>, a file of that name already shared there is returned (its id) instead.
    /// </summary>
    public async Task<string> UploadAsync(
        string channel, string? threadTs, string filename, byte[] content, string? title, string? snippetType, bool lookFirst, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(filename);
        if (lookFirst && await FindFileAsync(channel, threadTs, filename, cancellationToken) is { } found)
        {
            return found;
        }

        return await slack.UploadFileAsync(channel, threadTs, filename, content, title: title, snippetType: snippetType, cancellationToken: cancellationToken);
    }

    /// <summary>The id of a file named <paramref name="filename"/> shared in the thread (or channel), or null.</summary>
    public async Task<string?> FindFileAsync(string channel, string? threadTs, string filename, CancellationToken cancellationToken)
    {
        var messages = await ReadAsync(channel, threadTs, cancellationToken);
        return messages.SelectMany(m => m.Files).FirstOrDefault(f => f.Name == filename)?.Id;
    }

    /// <summary>The key a message was tagged with, or null.</summary>
    public static string? KeyOf(ThreadMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Metadata?.Payload["key"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
    }

    private async Task<IReadOnlyList<ThreadMessage>> ReadAsync(string channel, string? threadTs, CancellationToken cancellationToken) =>
        threadTs is null
            ? await slack.GetHistoryAsync(channel, HistoryToSearch, cancellationToken: cancellationToken)
            : await slack.GetRepliesAsync(channel, threadTs, limit: 1000, cancellationToken: cancellationToken);
}
