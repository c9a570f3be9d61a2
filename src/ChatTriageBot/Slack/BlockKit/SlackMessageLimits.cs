namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// Slack's documented Block Kit and message limits for messages (docs/slack-platform.md section 7). Lengths are
/// counted in UTF-16 code units, which is never fewer than the characters Slack counts.
/// </summary>
internal static class SlackMessageLimits
{
    /// <summary>Blocks per message (modals and the Home tab allow 100; this layer only builds messages).</summary>
    public const int BlocksPerMessage = 50;

    /// <summary>Slack's advice for the top-level <c>text</c>; it truncates above 40,000.</summary>
    public const int FallbackText = 4000;

    /// <summary>Any <c>plain_text</c> or <c>mrkdwn</c> text object (minimum 1).</summary>
    public const int TextObject = 3000;

    public const int SectionText = 3000;
    public const int SectionFields = 10;
    public const int SectionFieldText = 2000;

    public const int HeaderText = 150;

    public const int ContextElements = 10;

    public const int ActionsElements = 25;

    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int ButtonUrl = 3000;

    public const int ActionId = 255;
    public const int BlockId = 255;

    public const int ConfirmTitle = 100;
    public const int ConfirmText = 300;
    public const int ConfirmButton = 30;

    /// <summary>
    /// Our own cap for the text of one <c>rich_text_preformatted</c> block. Slack documents none, but the combined
    /// block text of a message fails with <c>msg_blocks_too_long</c> at about 13.2k chars, so a code block is kept
    /// to a section's size; the whole content goes into an uploaded file.
    /// </summary>
    public const int PreformattedText = 3000;

    /// <summary>Undocumented cap on the combined text of all blocks (bolt-js#2509); informational only.</summary>
    public const int ApproximateTotalBlockText = 13_200;
}
