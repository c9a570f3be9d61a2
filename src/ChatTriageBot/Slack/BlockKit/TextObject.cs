namespace ChatTriageBot.Slack.BlockKit;

/// <summary>A Block Kit text object (used as a <see cref="ContextBlock"/> element).</summary>
internal sealed record TextObject(TextObjectType Type, string Text)
{
    /// <summary>A <c>plain_text</c> object; no escaping is needed.</summary>
    public static TextObject Plain(string text) => new(TextObjectType.PlainText, text);

    /// <summary>A <c>mrkdwn</c> object; <paramref name="mrkdwn"/> is markup, so user content in it must be escaped.</summary>
    public static TextObject Markdown(string mrkdwn) => new(TextObjectType.Mrkdwn, mrkdwn);
}
