using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>Renders a <see cref="ButtonElement"/>: texts are cut visibly, data that does not fit throws.</summary>
internal static class ButtonRenderer
{
    public static JsonObject Render(ButtonElement button, BlockRenderContext context, string member)
    {
        var where = $"{context.Path}.{member}";
        ArgumentException.ThrowIfNullOrWhiteSpace(button.ActionId);
        CheckLength(button.ActionId, SlackMessageLimits.ActionId, $"{where}.action_id");

        var json = new JsonObject
        {
            ["type"] = "button",
            ["text"] = context.PlainText(button.Text, SlackMessageLimits.ButtonText, $"{member}.text"),
            ["action_id"] = button.ActionId,
        };

        if (button.Value is not null)
        {
            CheckLength(button.Value, SlackMessageLimits.ButtonValue, $"{where}.value");
            json["value"] = button.Value;
        }

        if (button.Url is not null)
        {
            var url = button.Url.IsAbsoluteUri
                ? button.Url.AbsoluteUri
                : throw new ArgumentException($"{where}.url must be absolute.");
            CheckLength(url, SlackMessageLimits.ButtonUrl, $"{where}.url");
            json["url"] = url;
        }

        if (Style(button.Style) is { } style)
        {
            json["style"] = style;
        }

        if (button.Confirm is { } confirm)
        {
            var dialog = new JsonObject
            {
                ["title"] = context.PlainText(confirm.Title, SlackMessageLimits.ConfirmTitle, $"{member}.confirm.title"),
                ["text"] = context.PlainText(confirm.Text, SlackMessageLimits.ConfirmText, $"{member}.confirm.text"),
                ["confirm"] = context.PlainText(confirm.Confirm, SlackMessageLimits.ConfirmButton, $"{member}.confirm.confirm"),
                ["deny"] = context.PlainText(confirm.Deny, SlackMessageLimits.ConfirmButton, $"{member}.confirm.deny"),
            };
            if (Style(confirm.Style) is { } confirmStyle)
            {
                dialog["style"] = confirmStyle;
            }

            json["confirm"] = dialog;
        }

        return json;
    }

    private static string? Style(ButtonStyle style) => style switch
    {
        ButtonStyle.Default => null,
        ButtonStyle.Primary => "primary",
        ButtonStyle.Danger => "danger",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, "Unknown button style."),
    };

    private static void CheckLength(string value, int limit, string where)
    {
        if (value.Length > limit)
        {
            throw new ArgumentException($"{where} is {value.Length} chars; Slack allows {limit}. It is data, so it is not cut.");
        }
    }
}
