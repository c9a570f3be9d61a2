using System.Text.Json.Nodes;

namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// A modal for <c>views.open</c>: a title (cut to Slack's 24 chars, as are the submit and close labels), an
/// introduction in mrkdwn, one text input, and the <c>callback_id</c> and <c>private_metadata</c> its submission
/// comes back with (<see cref="ViewSubmission"/>).
/// </summary>
internal sealed record ModalView(string CallbackId, string Title, string Intro, TextInput Input)
{
    public const int TitleLimit = 24;
    public const int PrivateMetadataLimit = 3000;

    public string Submit { get; init; } = "Submit";

    public string Close { get; init; } = "Cancel";

    public string? PrivateMetadata { get; init; }

    public JsonObject Render()
    {
        ArgumentException.ThrowIfNullOrEmpty(CallbackId);
        if (PrivateMetadata is { Length: > PrivateMetadataLimit })
        {
            throw new ArgumentException($"private_metadata is limited to {PrivateMetadataLimit} chars.");
        }

        var context = new BlockRenderContext { Path = "view" };
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = Input.ActionId,
            ["multiline"] = Input.Multiline,
            ["max_length"] = Math.Clamp(Input.MaxLength, 1, 3000),
        };
        if (Input.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = context.PlainText(placeholder, 150, "placeholder");
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["title"] = context.PlainText(Title, TitleLimit, "title"),
            ["submit"] = context.PlainText(Submit, TitleLimit, "submit"),
            ["close"] = context.PlainText(Close, TitleLimit, "close"),
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["block_id"] = "intro", ["text"] = context.MrkdwnText(Intro, SlackMessageLimits.SectionText, "intro") },
                new JsonObject
                {
                    ["type"] = "input",
                    ["block_id"] = Input.BlockId,
                    ["label"] = context.PlainText(Input.Label, 2000, "label"),
                    ["element"] = element,
                }),
        };
        if (PrivateMetadata is not null)
        {
            view["private_metadata"] = PrivateMetadata;
        }

        return view;
    }
}
