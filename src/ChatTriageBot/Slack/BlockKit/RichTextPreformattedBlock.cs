using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// Code or a log excerpt as a <c>rich_text</c> block holding one <c>rich_text_preformatted</c> element. Its text is
/// structured, not markup, so it is sent as written (no mrkdwn escaping, backticks are harmless) and cut visibly to
/// <see cref="SlackMessageLimits.PreformattedText"/> chars.
/// </summary>
internal sealed record RichTextPreformattedBlock(string Code) : SlackBlock
{
    /// <summary>Draws a border around the code (<c>border: 1</c>).</summary>
    public bool Border { get; init; }

    internal override string? SummaryText => Mrkdwn.Escape(Code);

    internal override JsonObject Render(string blockId, BlockRenderContext context)
    {
        var code = string.IsNullOrEmpty(Code) ? " " : Code.Replace("\r\n", "\n", StringComparison.Ordinal);
        var preformatted = new JsonObject
        {
            ["type"] = "rich_text_preformatted",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["type"] = "text",
                ["text"] = context.Fit(code, SlackMessageLimits.PreformattedText, mrkdwn: false, "elements[0].elements[0].text"),
            }),
        };
        if (Border)
        {
            preformatted["border"] = 1;
        }

        return new JsonObject
        {
            ["type"] = "rich_text",
            ["block_id"] = blockId,
            ["elements"] = new JsonArray(preformatted),
        };
    }
}
