using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// An <c>actions</c> block of buttons: at most 25 (later ones are dropped and reported), with action IDs unique
/// within the block (a duplicate throws <see cref="ArgumentException"/>: it is a routing bug, not content).
/// </summary>
internal sealed record ActionsBlock(IReadOnlyList<ButtonElement> Elements) : SlackBlock
{
    public ActionsBlock(params ButtonElement[] elements)
        : this((IReadOnlyList<ButtonElement>)elements)
    {
    }

    internal override string? SummaryText => null;

    internal override JsonObject Render(string blockId, BlockRenderContext context)
    {
        if (Elements.Count == 0)
        {
            throw new ArgumentException($"{context.Path}: an actions block needs at least one element.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var elements = new JsonArray();
        var shown = Math.Min(Elements.Count, SlackMessageLimits.ActionsElements);
        for (var i = 0; i < shown; i++)
        {
            if (!seen.Add(Elements[i].ActionId))
            {
                throw new ArgumentException($"{context.Path}: action_id '{Elements[i].ActionId}' appears twice in one block.");
            }

            elements.Add(ButtonRenderer.Render(Elements[i], context, $"elements[{i}]"));
        }

        if (shown < Elements.Count)
        {
            context.NoteDropped("elements", Elements.Count, SlackMessageLimits.ActionsElements);
        }

        return new JsonObject
        {
            ["type"] = "actions",
            ["block_id"] = blockId,
            ["elements"] = elements,
        };
    }
}
