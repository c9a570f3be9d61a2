using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A <c>section</c> block. <see cref="Text"/> is mrkdwn (escape user content with <see cref="Mrkdwn.Escape"/>) and is
/// cut visibly to 3,000 chars; <see cref="Fields"/> are mrkdwn, at most 10 (an 11th and later are replaced by a
/// visible notice) and each cut to 2,000. A section needs a text or at least one field.
/// </summary>
internal sealed record SectionBlock(string? Text) : SlackBlock
{
    public IReadOnlyList<string>? Fields { get; init; }

    public ButtonElement? Accessory { get; init; }

    internal override string? SummaryText => string.IsNullOrWhiteSpace(Text) ? Fields is { Count: > 0 } ? Fields[0] : null : Text;

    /// <summary>
    /// Splits long mrkdwn into sections of at most 3,000 chars each, at line ends where possible (a single longer
    /// line is cut between characters). A fenced code block that spans two sections is closed and reopened.
    /// </summary>
    public static IReadOnlyList<SectionBlock> Split(string mrkdwn)
    {
        ArgumentNullException.ThrowIfNull(mrkdwn);
        return [.. SlackText.SplitLines(mrkdwn, SlackMessageLimits.SectionText).Select(chunk => new SectionBlock(chunk))];
    }

    internal override JsonObject Render(string blockId, BlockRenderContext context)
    {
        var block = new JsonObject
        {
            ["type"] = "section",
            ["block_id"] = blockId,
        };

        var hasFields = Fields is { Count: > 0 };
        if (!string.IsNullOrWhiteSpace(Text) || !hasFields)
        {
            block["text"] = context.MrkdwnText(Text ?? string.Empty, SlackMessageLimits.SectionText, "text");
        }

        if (hasFields)
        {
            var fields = new JsonArray();
            var shown = Fields!.Count > SlackMessageLimits.SectionFields ? SlackMessageLimits.SectionFields - 1 : Fields.Count;
            for (var i = 0; i < shown; i++)
            {
                fields.Add(context.MrkdwnText(Fields[i], SlackMessageLimits.SectionFieldText, $"fields[{i}]"));
            }

            if (shown < Fields.Count)
            {
                context.NoteDropped("fields", Fields.Count, SlackMessageLimits.SectionFields);
                fields.Add(new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = $"_… {Fields.Count - shown} more not shown{SlackText.TruncatedSuffix}_",
                });
            }

            block["fields"] = fields;
        }

        if (Accessory is not null)
        {
            block["accessory"] = ButtonRenderer.Render(Accessory, context, "accessory");
        }

        return block;
    }
}
