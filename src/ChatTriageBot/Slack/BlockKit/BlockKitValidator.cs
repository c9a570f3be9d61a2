using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// Checks message blocks against the limits of docs/slack-platform.md section 7, which Slack's type definitions do
/// not carry: block count, text lengths, element counts, empty text objects, duplicate <c>block_id</c>s and
/// duplicate <c>action_id</c>s within a block. Block types it does not know are only checked for a
/// <c>type</c> and their <c>block_id</c>. Use it in tests, or as a guard before posting.
/// </summary>
internal static class BlockKitValidator
{
    public static IReadOnlyList<BlockKitViolation> Validate(JsonArray blocks, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var violations = new List<BlockKitViolation>();
        void Add(string path, string message) => violations.Add(new BlockKitViolation(path, message));

        if (text is not null)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Add("text", "the fallback text is empty");
            }
            else if (text.Length > SlackMessageLimits.FallbackText)
            {
                Add("text", $"{text.Length} chars, over {SlackMessageLimits.FallbackText}");
            }
        }

        if (blocks.Count > SlackMessageLimits.BlocksPerMessage)
        {
            Add("blocks", $"{blocks.Count} blocks, over {SlackMessageLimits.BlocksPerMessage}");
        }

        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var path = $"blocks[{i}]";
            if (blocks[i] is not JsonObject block)
            {
                Add(path, "not an object");
                continue;
            }

            if (block["block_id"] is { } idNode)
            {
                var id = String(idNode);
                if (id is null || id.Length is 0 or > SlackMessageLimits.BlockId)
                {
                    Add($"{path}.block_id", $"must be a string of 1 to {SlackMessageLimits.BlockId} chars");
                }
                else if (!blockIds.Add(id))
                {
                    Add($"{path}.block_id", $"'{id}' is not unique in the message");
                }
            }

            var actionIds = new HashSet<string>(StringComparer.Ordinal);
            switch (String(block["type"]))
            {
                case null:
                    Add($"{path}.type", "missing");
                    break;
                case "header":
                    TextObject(block["text"], $"{path}.text", SlackMessageLimits.HeaderText, plainOnly: true, Add);
                    break;
                case "section":
                    Section(block, path, actionIds, Add);
                    break;
                case "context":
                    Elements(block, path, SlackMessageLimits.ContextElements, (element, elementPath) =>
                    {
                        if (String(element["type"]) is "plain_text" or "mrkdwn")
                        {
                            TextObject(element, elementPath, SlackMessageLimits.TextObject, plainOnly: false, Add);
                        }
                    }, Add);
                    break;
                case "actions":
                    Elements(block, path, SlackMessageLimits.ActionsElements, (element, elementPath) =>
                        Element(element, elementPath, actionIds, Add), Add);
                    break;
                case "rich_text":
                    RichText(block, path, Add);
                    break;
                default:
                    break;
            }
        }

        return violations;
    }

    private static void Section(JsonObject block, string path, HashSet<string> actionIds, Action<string, string> add)
    {
        var hasText = block["text"] is not null;
        if (hasText)
        {
            TextObject(block["text"], $"{path}.text", SlackMessageLimits.SectionText, plainOnly: false, add);
        }

        if (block["fields"] is { } fieldsNode)
        {
            if (fieldsNode is not JsonArray fields || fields.Count == 0)
            {
                add($"{path}.fields", "must be a non-empty array");
            }
            else
            {
                if (fields.Count > SlackMessageLimits.SectionFields)
                {
                    add($"{path}.fields", $"{fields.Count} fields, over {SlackMessageLimits.SectionFields}");
                }

                for (var i = 0; i < fields.Count; i++)
                {
                    TextObject(fields[i], $"{path}.fields[{i}]", SlackMessageLimits.SectionFieldText, plainOnly: false, add);
                }
            }
        }
        else if (!hasText)
        {
            add(path, "a section needs text or fields");
        }

        if (block["accessory"] is JsonObject accessory)
        {
            Element(accessory, $"{path}.accessory", actionIds, add);
        }
    }

    private static void Elements(JsonObject block, string path, int limit, Action<JsonObject, string> check, Action<string, string> add)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0)
        {
            add($"{path}.elements", "must be a non-empty array");
            return;
        }

        if (elements.Count > limit)
        {
            add($"{path}.elements", $"{elements.Count} elements, over {limit}");
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is JsonObject element)
            {
                check(element, $"{path}.elements[{i}]");
            }
            else
            {
                add($"{path}.elements[{i}]", "not an object");
            }
        }
    }

    private static void Element(JsonObject element, string path, HashSet<string> actionIds, Action<string, string> add)
    {
        if (element["action_id"] is { } actionIdNode)
        {
            var actionId = String(actionIdNode);
            if (actionId is null || actionId.Length is 0 or > SlackMessageLimits.ActionId)
            {
                add($"{path}.action_id", $"must be a string of 1 to {SlackMessageLimits.ActionId} chars");
            }
            else if (!actionIds.Add(actionId))
            {
                add($"{path}.action_id", $"'{actionId}' is not unique in its block");
            }
        }

        if (String(element["type"]) != "button")
        {
            return;
        }

        TextObject(element["text"], $"{path}.text", SlackMessageLimits.ButtonText, plainOnly: true, add);
        MaxLength(element["value"], $"{path}.value", SlackMessageLimits.ButtonValue, add);
        MaxLength(element["url"], $"{path}.url", SlackMessageLimits.ButtonUrl, add);
        if (element["style"] is { } style && String(style) is not ("primary" or "danger"))
        {
            add($"{path}.style", "must be primary or danger");
        }

        if (element["confirm"] is { } confirmNode)
        {
            if (confirmNode is not JsonObject confirm)
            {
                add($"{path}.confirm", "not an object");
                return;
            }

            TextObject(confirm["title"], $"{path}.confirm.title", SlackMessageLimits.ConfirmTitle, plainOnly: true, add);
            TextObject(confirm["text"], $"{path}.confirm.text", SlackMessageLimits.ConfirmText, plainOnly: false, add);
            TextObject(confirm["confirm"], $"{path}.confirm.confirm", SlackMessageLimits.ConfirmButton, plainOnly: true, add);
            TextObject(confirm["deny"], $"{path}.confirm.deny", SlackMessageLimits.ConfirmButton, plainOnly: true, add);
        }
    }

    private static void RichText(JsonObject block, string path, Action<string, string> add)
    {
        if (block["elements"] is not JsonArray elements || elements.Count == 0)
        {
            add($"{path}.elements", "must be a non-empty array");
            return;
        }

        for (var i = 0; i < elements.Count; i++)
        {
            if (elements[i] is not JsonObject element || String(element["type"]) != "rich_text_preformatted")
            {
                continue;
            }

            var elementPath = $"{path}.elements[{i}]";
            if (element["elements"] is not JsonArray parts || parts.Count == 0)
            {
                add($"{elementPath}.elements", "must be a non-empty array");
                continue;
            }

            var length = parts.OfType<JsonObject>().Sum(part => String(part["text"])?.Length ?? 0);
            if (length > SlackMessageLimits.PreformattedText)
            {
                add($"{elementPath}.elements", $"{length} chars, over {SlackMessageLimits.PreformattedText}");
            }
        }
    }

    private static void TextObject(JsonNode? node, string path, int limit, bool plainOnly, Action<string, string> add)
    {
        if (node is null)
        {
            add(path, "missing text object");
            return;
        }

        if (node is not JsonObject text)
        {
            add(path, "not a text object");
            return;
        }

        var type = String(text["type"]);
        if (type is not ("plain_text" or "mrkdwn") || (plainOnly && type != "plain_text"))
        {
            add($"{path}.type", plainOnly ? "must be plain_text" : "must be plain_text or mrkdwn");
        }

        var value = String(text["text"]);
        if (string.IsNullOrEmpty(value))
        {
            add($"{path}.text", "empty text object");
        }
        else if (value.Length > limit)
        {
            add($"{path}.text", $"{value.Length} chars, over {limit}");
        }
    }

    private static void MaxLength(JsonNode? node, string path, int limit, Action<string, string> add)
    {
        if (node is not null && String(node) is { } value && value.Length > limit)
        {
            add(path, $"{value.Length} chars, over {limit}");
        }
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
