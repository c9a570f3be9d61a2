using System.Text;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// Builds Slack mrkdwn safely. User-supplied text (error messages, stack traces, names) goes through
/// <see cref="Escape"/> before it is put into a template, because raw <c>&lt;…&gt;</c> sequences are control
/// sequences (<c>&lt;@U…&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;url|label&gt;</c>), inside code as well.
/// </summary>
internal static class Mrkdwn
{
    /// <summary>Converts only <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> to entities, as Slack asks; nothing else.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>
    /// A link <c>&lt;url|label&gt;</c>. The label is escaped (and a <c>|</c> in it is kept out of the control
    /// sequence); the URL must be absolute http(s) or mailto and is escaped too.
    /// </summary>
    public static string Link(Uri url, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https" or "mailto"))
        {
            throw new ArgumentException("Slack links need an absolute http, https or mailto URL.", nameof(url));
        }

        var target = Escape(url.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(label))
        {
            return $"<{target}>";
        }

        // '|' would end the label's control-sequence field early; U+2223 looks the same and is inert.
        var safeLabel = Escape(label).Replace('|', '\u2223');
        return $"<{target}|{safeLabel}>";
    }

    /// <summary>A user mention <c>&lt;@U123&gt;</c>; the ID must look like a Slack user ID.</summary>
    public static string User(string userId) => $"<@{CheckId(userId, nameof(userId))}>";

    /// <summary>A channel mention <c>&lt;#C123&gt;</c>; the ID must look like a Slack conversation ID.</summary>
    public static string Channel(string channelId) => $"<#{CheckId(channelId, nameof(channelId))}>";

    /// <summary>
    /// Inline code between single backticks. The text is escaped, put on one line, and backticks in it become
    /// U+02CB (a look-alike) because mrkdwn has no way to escape a backtick inside code.
    /// </summary>
    public static string InlineCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var oneLine = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
        var safe = Escape(oneLine).Replace('`', '\u02CB');
        return safe.Length == 0 ? "` `" : $"`{safe}`";
    }

    /// <summary>
    /// A fenced code block (triple backticks; Slack has no language tag or highlighting). The code is escaped,
    /// and a triple backtick inside it is broken up so it cannot close the fence early.
    /// </summary>
    public static string CodeBlock(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var safe = Escape(code.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Replace("```", "`\u200B`\u200B`", StringComparison.Ordinal)
            .TrimEnd('\n');
        return $"```\n{(safe.Length == 0 ? " " : safe)}\n```";
    }

    /// <summary>Bold text (<c>*text*</c>) with the text escaped.</summary>
    public static string Bold(string text) => Wrap(text, '*');

    /// <summary>Italic text (<c>_text_</c>) with the text escaped.</summary>
    public static string Italic(string text) => Wrap(text, '_');

    private static string Wrap(string text, char marker)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = Escape(text.Trim());
        return safe.Length == 0 ? string.Empty : $"{marker}{safe}{marker}";
    }

    private static string CheckId(string id, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(id, parameterName);
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"'{id}' is not a Slack ID (upper-case letters and digits).", parameterName);
            }
        }

        return id;
    }
}
