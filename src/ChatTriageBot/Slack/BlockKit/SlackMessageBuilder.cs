using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// Collects blocks and renders a <see cref="BlockKitMessage"/> within Slack's limits: texts are cut visibly, a
/// message keeps at most 50 blocks (the 50th becomes a notice of how many were left out), <c>block_id</c>s are unique
/// (generated as <c>{prefix}{n}</c> when not given) and a fallback <c>text</c> is always produced.
/// </summary>
internal sealed class SlackMessageBuilder(string blockIdPrefix = "b")
{
    private readonly List<SlackBlock> blocks = [];
    private string? fallbackText;

    public int Count => blocks.Count;

    public SlackMessageBuilder Add(SlackBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        blocks.Add(block);
        return this;
    }

    public SlackMessageBuilder AddRange(IEnumerable<SlackBlock> range)
    {
        ArgumentNullException.ThrowIfNull(range);
        foreach (var block in range)
        {
            Add(block);
        }

        return this;
    }

    /// <summary>Adds long mrkdwn as as many sections as it needs (see <see cref="SectionBlock.Split"/>).</summary>
    public SlackMessageBuilder AddLongText(string mrkdwn) => AddRange(SectionBlock.Split(mrkdwn));

    /// <summary>
    /// Sets the fallback <c>text</c> (notifications, screen readers, clients without blocks) from plain text: it is
    /// escaped for mrkdwn and cut visibly to 4,000 chars. Without it the first header or text of the blocks is used.
    /// </summary>
    public SlackMessageBuilder WithFallbackText(string plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        fallbackText = plainText;
        return this;
    }

    /// <summary>Renders the message. Throws <see cref="ArgumentException"/> for caller bugs (duplicate or over-long IDs, empty texts).</summary>
    public BlockKitMessage Build()
    {
        var context = new BlockRenderContext();
        var kept = blocks;
        if (blocks.Count > SlackMessageLimits.BlocksPerMessage)
        {
            var shown = SlackMessageLimits.BlocksPerMessage - 1;
            context.NoteDroppedBlocks(blocks.Count, SlackMessageLimits.BlocksPerMessage);
            kept = [.. blocks.Take(shown), new ContextBlock(TextObject.Plain(
                $"{SlackText.Ellipsis} {blocks.Count - shown} more blocks not shown{SlackText.TruncatedSuffix}"))];
        }

        var ids = AssignBlockIds(kept);
        var json = new JsonArray();
        for (var i = 0; i < kept.Count; i++)
        {
            context.Path = $"blocks[{i}]";
            json.Add(kept[i].Render(ids[i], context));
        }

        context.Path = "text";
        var fallback = fallbackText is not null
            ? Mrkdwn.Escape(fallbackText)
            : blocks.Select(b => b.SummaryText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        if (string.IsNullOrWhiteSpace(fallback))
        {
            fallback = "(message)";
        }

        fallback = context.Fit(fallback, SlackMessageLimits.FallbackText, mrkdwn: true, "fallback").Trim();
        return new BlockKitMessage(fallback, json, [.. context.Truncations]);
    }

    private string[] AssignBlockIds(List<SlackBlock> kept)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in kept)
        {
            if (block.BlockId is null)
            {
                continue;
            }

            if (block.BlockId.Length is 0 or > SlackMessageLimits.BlockId)
            {
                throw new ArgumentException($"block_id '{block.BlockId}' must be 1 to {SlackMessageLimits.BlockId} chars.");
            }

            if (!taken.Add(block.BlockId))
            {
                throw new ArgumentException($"block_id '{block.BlockId}' appears twice in one message.");
            }
        }

        var ids = new string[kept.Count];
        var next = 1;
        for (var i = 0; i < kept.Count; i++)
        {
            if (kept[i].BlockId is { } given)
            {
                ids[i] = given;
                continue;
            }

            string candidate;
            do
            {
                candidate = $"{blockIdPrefix}{next++}";
            }
            while (!taken.Add(candidate));

            ids[i] = candidate;
        }

        return ids;
    }
}
