using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// Sample messages that use every block and option the builders offer; rendered to golden JSON by
/// <see cref="BlockKitGoldenTests"/> and type-checked against @slack/types by blockkit-typecheck/check.mjs.
/// </summary>
internal static class GoldenMessages
{
    public static IReadOnlyDictionary<string, BlockKitMessage> All { get; } = new Dictionary<string, BlockKitMessage>(StringComparer.Ordinal)
    {
        ["triage-reply"] = TriageReply(),
        ["truncated-report"] = TruncatedReport(),
    };

    private static BlockKitMessage TriageReply()
    {
        const string userError = "System.NullReferenceException: <@U123> says hi & <!here>";
        return new SlackMessageBuilder("triage-")
            .Add(new HeaderBlock("Likely cause: null cart in CheckoutService"))
            .Add(new SectionBlock($"*Error* {Mrkdwn.InlineCode(userError)}\nReported by {Mrkdwn.User("U024BE7LH")} in {Mrkdwn.Channel("C024BE91L")}")
            {
                Fields = ["*Repository*\nacme/shop", "*Confidence*\nhigh"],
                Accessory = new ButtonElement("Open file", "open_file")
                {
                    Url = new Uri("https://github.com/acme/shop/blob/main/src/Checkout/CheckoutService.cs#L42"),
                },
            })
            .Add(new DividerBlock())
            .Add(new SectionBlock(Mrkdwn.CodeBlock("at Shop.Checkout.CheckoutService.Total(Cart cart) in CheckoutService.cs:line 42\n// <!channel> & co")))
            .Add(new RichTextPreformattedBlock("if (cart is null) { return 0m; }") { Border = true })
            .Add(new ContextBlock(TextObject.Markdown($"Based on {Mrkdwn.Link(new Uri("https://github.com/acme/shop/commit/abc123"), "abc123 <main>")}"), TextObject.Plain("gpt, 1.2k tokens")))
            .Add(new ActionsBlock(
                new ButtonElement("Draft a fix", "draft_fix")
                {
                    Value = "job-7",
                    Style = ButtonStyle.Primary,
                    Confirm = new ConfirmDialog("Draft a fix?", "Opens a draft pull request on acme/shop.", "Draft", "Not now"),
                },
                new ButtonElement("Wrong diagnosis", "wrong_diagnosis") { Value = "job-7", Style = ButtonStyle.Danger }))
            .WithFallbackText("Likely cause: null cart in CheckoutService (<@U123>)")
            .Build();
    }

    private static BlockKitMessage TruncatedReport()
    {
        var log = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"[{i:D4}] worker <{i}> & retry"));
        return new SlackMessageBuilder()
            .Add(new HeaderBlock("A very long header " + new string('=', 200)))
            .Add(new SectionBlock(Mrkdwn.CodeBlock(log)))
            .AddLongText(Mrkdwn.Escape(log))
            .Build();
    }
}
