using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>A <c>header</c> block: large bold <c>plain_text</c>, cut visibly to 150 chars.</summary>
internal sealed record HeaderBlock(string Text) : SlackBlock
{
    internal override string? SummaryText => Mrkdwn.Escape(Text);

    internal override JsonObject Render(string blockId, BlockRenderContext context) => new()
    {
        ["type"] = "header",
        ["block_id"] = blockId,
        ["text"] = context.PlainText(Text, SlackMessageLimits.HeaderText, "text"),
    };
}
