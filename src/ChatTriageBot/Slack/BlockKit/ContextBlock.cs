using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A <c>context</c> block: small text elements, at most 10 (an 11th and later are replaced by a visible notice),
/// each cut visibly to 3,000 chars.
/// </summary>
internal sealed record ContextBlock(IReadOnlyList<TextObject> Elements) : SlackBlock
{
    public ContextBlock(params TextObject[] elements)
        : this((IReadOnlyList<TextObject>)elements)
    {
    }

    internal override string? SummaryText => Elements.Count == 0
        ? null
        : Elements[0].Type == TextObjectType.Mrkdwn ? Elements[0].Text : Mrkdwn.Escape(Elements[0].Text);

    internal override JsonObject Render(string blockId, BlockRenderContext context)
    {
        if (Elements.Count == 0)
        {
            throw new ArgumentException($"{context.Path}: a context block needs at least one element.");
        }

        var elements = new JsonArray();
        var shown = Elements.Count > SlackMessageLimits.ContextElements ? SlackMessageLimits.ContextElements - 1 : Elements.Count;
        for (var i = 0; i < shown; i++)
        {
            var element = Elements[i];
            var member = $"elements[{i}]";
            elements.Add(element.Type == TextObjectType.Mrkdwn
                ? context.MrkdwnText(element.Text, SlackMessageLimits.TextObject, member)
                : context.PlainText(element.Text, SlackMessageLimits.TextObject, member));
        }

        if (shown < Elements.Count)
        {
            context.NoteDropped("elements", Elements.Count, SlackMessageLimits.ContextElements);
            elements.Add(new JsonObject
            {
                ["type"] = "plain_text",
                ["text"] = $"… {Elements.Count - shown} more not shown{SlackText.TruncatedSuffix}",
                ["emoji"] = true,
            });
        }

        return new JsonObject
        {
            ["type"] = "context",
            ["block_id"] = blockId,
            ["elements"] = elements,
        };
    }
}
