using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A layout block of a message. The set is closed (<see cref="HeaderBlock"/>, <see cref="SectionBlock"/>,
/// <see cref="ContextBlock"/>, <see cref="DividerBlock"/>, <see cref="ActionsBlock"/>,
/// <see cref="RichTextPreformattedBlock"/>); <see cref="SlackMessageBuilder"/> renders them to Slack's JSON.
/// </summary>
internal abstract record SlackBlock
{
    private protected SlackBlock()
    {
    }

    /// <summary>The <c>block_id</c> (at most 255 chars, unique per message); generated when null.</summary>
    public string? BlockId { get; init; }

    /// <summary>Renders the block with its final <paramref name="blockId"/>, fitting content into Slack's limits.</summary>
    internal abstract JsonObject Render(string blockId, BlockRenderContext context);

    /// <summary>The block's first human-readable text as mrkdwn-safe text, for the message's fallback <c>text</c>.</summary>
    internal abstract string? SummaryText { get; }
}
