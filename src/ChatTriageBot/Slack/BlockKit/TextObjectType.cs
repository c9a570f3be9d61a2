namespace ChatTriageBot.Slack.BlockKit;

/// <summary>The two Block Kit text object types.</summary>
internal enum TextObjectType
{
    /// <summary><c>plain_text</c>: shown as written (emoji shortcodes are expanded).</summary>
    PlainText,

    /// <summary><c>mrkdwn</c>: Slack markup; escape user content with <see cref="Mrkdwn.Escape"/>.</summary>
    Mrkdwn,
}
