using System.Collections.Concurrent;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// What the bot posted to the stand-in Slack: each <c>chat.postMessage</c> by the thread it went to, and every text a
/// message held (posted or updated), so a benchmark can count answers per thread and find a diagnosis in them.
/// </summary>
internal sealed class SlackPostLog
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _postsByThread = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _threadOfMessage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _textsByThread = new(StringComparer.Ordinal);

    /// <summary>A <c>chat.postMessage</c> to <paramref name="thread"/> (the message's own ts when it is not a reply) that Slack answered with <paramref name="ts"/>.</summary>
    public void Posted(string thread, string ts, string body)
    {
        _threadOfMessage[ts] = thread;
        _postsByThread.GetOrAdd(thread, _ => []).Add(ts);
        _textsByThread.GetOrAdd(thread, _ => new()).Enqueue(body);
    }

    /// <summary>A <c>chat.update</c> of the message <paramref name="ts"/>.</summary>
    public void Updated(string ts, string body)
    {
        if (_threadOfMessage.TryGetValue(ts, out var thread))
        {
            _textsByThread.GetOrAdd(thread, _ => new()).Enqueue(body);
        }
    }

    /// <summary>How many messages the bot posted in <paramref name="thread"/>.</summary>
    public int Posts(string thread) => _postsByThread.TryGetValue(thread, out var posts) ? posts.Count : 0;

    /// <summary>Whether a message in <paramref name="thread"/> has held <paramref name="text"/>.</summary>
    public bool Shows(string thread, string text) =>
        _textsByThread.TryGetValue(thread, out var texts) && texts.Any(t => t.Contains(text, StringComparison.Ordinal));

    /// <summary>The last text a message in <paramref name="thread"/> held (what a thread without a diagnosis shows instead).</summary>
    public string? Last(string thread) => _textsByThread.TryGetValue(thread, out var texts) ? texts.LastOrDefault() : null;
}
