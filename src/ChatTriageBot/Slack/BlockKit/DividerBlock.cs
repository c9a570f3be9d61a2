using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>A <c>divider</c> block (a horizontal rule).</summary>
internal sealed record DividerBlock : SlackBlock
{
    internal override string? SummaryText => null;

    internal override JsonObject Render(string blockId, BlockRenderContext context) => new()
    {
        ["type"] = "divider",
        ["block_id"] = blockId,
    };
}
