using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ChatTriageBot.Slack;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

/// <summary>
/// Reads a support thread the way a triage needs it: the customer's text (the root message, people's replies, and
/// text files or snippets attached to them, downloaded with the bot token up to a size cap) and the engineer's
/// instruction (the mention's own words). The bot's own messages are skipped: an earlier diagnosis reaches a
/// follow-up from storage, never as if a customer had written it.
/// </summary>
internal sealed partial class ThreadReader(SlackApiClient slack, IOptions<TriageOptions> options)
{
    private static readonly HashSet<string> TextFiletypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text", "txt", "log", "csv", "tsv", "json", "xml", "yaml", "yml", "markdown", "md", "diff", "patch", "sql", "ini", "toml",
        "csharp", "java", "python", "javascript", "typescript", "go", "ruby", "php", "kotlin", "swift", "rust", "c", "cpp", "shell", "html", "css",
    };

    public async Task<ThreadRequest> ReadAsync(string channel, string threadTs, string? mentionTs, CancellationToken cancellationToken)
    {
        var thread = await slack.GetRepliesAsync(channel, threadTs, cancellationToken: cancellationToken);
        var (customer, instruction) = Split(thread, mentionTs);
        var notes = new List<string>();
        var attachments = new StringBuilder();
        var read = 0;
        foreach (var file in thread.Where(m => m.BotId is null).SelectMany(m => m.Files))
        {
            if (!IsText(file))
            {
                notes.Add($"Attachment {file.Name ?? file.Id} was not read: only text files and snippets are.");
                continue;
            }

            if (read >= options.Value.MaxAttachments)
            {
                notes.Add($"Attachment {file.Name ?? file.Id} was not read: at most {options.Value.MaxAttachments} attachments are.");
                continue;
            }

            var bytes = file.Size <= options.Value.MaxAttachmentBytes && Uri.TryCreate(file.UrlPrivate, UriKind.Absolute, out var url)
                ? await slack.DownloadFileAsync(url, options.Value.MaxAttachmentBytes, cancellationToken)
                : null;
            if (bytes is null)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Attachment {file.Name ?? file.Id} was not read: larger than {options.Value.MaxAttachmentBytes / 1024} KB, or it could not be downloaded."));
                continue;
            }

            read++;
            attachments.Append(CultureInfo.InvariantCulture, $"\n\n[Attachment {file.Name ?? file.Id}]\n").Append(Encoding.UTF8.GetString(bytes));
        }

        return new ThreadRequest(customer + attachments, instruction, notes) { MentionFound = thread.Any(m => m.Ts == (mentionTs ?? threadTs)) };
    }

    /// <summary>The customer's text (the thread's root and other people's replies) and the engineer's instruction (the mention).</summary>
    internal static (string CustomerText, string Instruction) Split(IReadOnlyList<ThreadMessage> thread, string? mentionTs)
    {
        var customer = new List<string>();
        var instruction = string.Empty;
        foreach (var message in thread)
        {
            if (message.BotId is not null)
            {
                continue;
            }

            var text = Mention().Replace(message.Text, string.Empty).Trim();
            if (message.Ts == mentionTs && !ReferenceEquals(message, thread[0]))
            {
                instruction = text;
            }
            else if (text.Length > 0)
            {
                customer.Add(text);
            }
        }

        return (string.Join("\n\n", customer), instruction);
    }

    private static bool IsText(SlackFile file) =>
        (file.Mimetype?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) ?? false)
        || (file.Mimetype is "application/json" or "application/xml" or "application/x-yaml")
        || (file.Filetype is { } type && TextFiletypes.Contains(type));

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex Mention();
}

/// <summary>A thread as read for a triage; <see cref="MentionFound"/> is false when the message that asked is not in it (deleted, or never there).</summary>
internal sealed record ThreadRequest(string CustomerText, string Instruction, IReadOnlyList<string> Notes)
{
    public bool MentionFound { get; init; } = true;
}
