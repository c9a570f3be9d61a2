using System.Text.Json.Nodes;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Tests.Slack;

public sealed class SlackMessageBuilderTests
{
    private const string Marker = "… (truncated)";

    public static TheoryData<string, int> TextLimits => new()
    {
        { "section.text", 3000 },
        { "section.field", 2000 },
        { "header", 150 },
        { "context.mrkdwn", 3000 },
        { "context.plain", 3000 },
        { "button.text", 75 },
        { "confirm.title", 100 },
        { "confirm.text", 300 },
        { "confirm.confirm", 30 },
        { "confirm.deny", 30 },
        { "preformatted", 3000 },
    };

    [Theory]
    [MemberData(nameof(TextLimits))]
    public void Text_AtItsLimit_IsKeptWhole(string where, int limit)
    {
        var text = new string('x', limit);

        var message = Render(where, text);

        Assert.Equal(text, TextAt(where, message.Blocks));
        Assert.False(message.Truncated);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
    }

    [Theory]
    [MemberData(nameof(TextLimits))]
    public void Text_OneOverItsLimit_IsCutVisiblyAndReported(string where, int limit)
    {
        var text = new string('x', limit + 1);

        var message = Render(where, text);

        var shown = TextAt(where, message.Blocks);
        Assert.True(shown.Length <= limit, $"{where}: {shown.Length} > {limit}");
        Assert.EndsWith(limit >= 2 * Marker.Length ? Marker : "…", shown, StringComparison.Ordinal);
        var truncation = Assert.Single(message.Truncations);
        Assert.Equal(TruncationKind.Text, truncation.Kind);
        Assert.Equal(limit + 1, truncation.Original);
        Assert.Equal(limit, truncation.Limit);
        Assert.StartsWith("blocks[0].", truncation.Path, StringComparison.Ordinal);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
    }

    [Fact]
    public void SectionText_CutInsideAnEntity_DoesNotLeaveHalfOfIt()
    {
        var text = new string('a', 2980) + Mrkdwn.Escape(new string('&', 20));

        var shown = TextAt("section.text", Render("section.text", text).Blocks);

        var beforeMarker = shown[..^Marker.Length];
        Assert.Matches("^a+(&amp;)*$", beforeMarker);
    }

    [Fact]
    public void SectionText_CutInsideALink_DropsTheWholeLink()
    {
        var text = new string('a', 2950) + " " + Mrkdwn.Link(new Uri("https://example.com/" + new string('p', 100)), "label");

        var shown = TextAt("section.text", Render("section.text", text).Blocks);

        Assert.DoesNotContain("<", shown, StringComparison.Ordinal);
        Assert.EndsWith(Marker, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void SectionText_CutInsideACodeFence_ClosesTheFence()
    {
        var text = "Stack trace:\n" + Mrkdwn.CodeBlock(string.Join('\n', Enumerable.Range(0, 300).Select(i => $"  at Frame{i:D3}()")));

        var shown = TextAt("section.text", Render("section.text", text).Blocks);

        Assert.True(shown.Length <= 3000);
        Assert.EndsWith("\n```" + Marker, shown, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(shown, "```"));
    }

    [Fact]
    public void Fields_TenOfThem_AreAllKept()
    {
        var message = Build(new SectionBlock("s") { Fields = [.. Enumerable.Range(1, 10).Select(i => $"f{i}")] });

        Assert.Equal(10, message.Blocks[0]!["fields"]!.AsArray().Count);
        Assert.False(message.Truncated);
    }

    [Fact]
    public void Fields_ElevenOfThem_ShowNineAndAVisibleNotice()
    {
        var message = Build(new SectionBlock("s") { Fields = [.. Enumerable.Range(1, 11).Select(i => $"f{i}")] });

        var fields = message.Blocks[0]!["fields"]!.AsArray();
        Assert.Equal(10, fields.Count);
        Assert.Equal("f9", (string?)fields[8]!["text"]);
        Assert.Equal("_… 2 more not shown (truncated)_", (string?)fields[9]!["text"]);
        Assert.Equal(new BlockKitTruncation("blocks[0].fields", TruncationKind.Items, 11, 10), Assert.Single(message.Truncations));
        Assert.Empty(BlockKitValidator.Validate(message.Blocks));
    }

    [Fact]
    public void ContextElements_ElevenOfThem_ShowNineAndAVisibleNotice()
    {
        var message = Build(new ContextBlock([.. Enumerable.Range(1, 11).Select(i => TextObject.Plain($"e{i}"))]));

        var elements = message.Blocks[0]!["elements"]!.AsArray();
        Assert.Equal(10, elements.Count);
        Assert.Equal("… 2 more not shown (truncated)", (string?)elements[9]!["text"]);
        Assert.Equal(TruncationKind.Items, Assert.Single(message.Truncations).Kind);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks));
    }

    [Fact]
    public void ContextElements_TenOfThem_AreAllKept()
    {
        var message = Build(new ContextBlock([.. Enumerable.Range(1, 10).Select(i => TextObject.Markdown($"e{i}"))]));

        Assert.Equal(10, message.Blocks[0]!["elements"]!.AsArray().Count);
        Assert.False(message.Truncated);
    }

    [Theory]
    [InlineData(25, 25, false)]
    [InlineData(26, 25, true)]
    public void Actions_OverTwentyFive_AreDroppedAndReported(int count, int expected, bool truncated)
    {
        var message = Build(new ActionsBlock([.. Enumerable.Range(1, count).Select(i => new ButtonElement($"b{i}", $"a{i}"))]));

        Assert.Equal(expected, message.Blocks[0]!["elements"]!.AsArray().Count);
        Assert.Equal(truncated, message.Truncated);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks));
    }

    [Fact]
    public void Actions_WithDuplicateActionId_Throws()
    {
        var block = new ActionsBlock(new ButtonElement("One", "same"), new ButtonElement("Two", "same"));

        var error = Assert.Throws<ArgumentException>(() => Build(block));

        Assert.Contains("same", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ButtonData_AtItsLimits_IsKept()
    {
        var button = new ButtonElement("Open", new string('a', 255))
        {
            Value = new string('v', 2000),
            Url = new Uri("https://example.com/" + new string('p', 3000 - "https://example.com/".Length)),
        };

        var json = Build(new ActionsBlock(button)).Blocks[0]!["elements"]![0]!;

        Assert.Equal(255, ((string?)json["action_id"])!.Length);
        Assert.Equal(2000, ((string?)json["value"])!.Length);
        Assert.Equal(3000, ((string?)json["url"])!.Length);
    }

    [Fact]
    public void ButtonData_OverItsLimits_ThrowsInsteadOfCuttingData()
    {
        Assert.Throws<ArgumentException>(() => Build(new ActionsBlock(new ButtonElement("x", new string('a', 256)))));
        Assert.Throws<ArgumentException>(() => Build(new ActionsBlock(new ButtonElement("x", "a") { Value = new string('v', 2001) })));
        Assert.Throws<ArgumentException>(() => Build(new ActionsBlock(new ButtonElement("x", "a")
        {
            Url = new Uri("https://example.com/" + new string('p', 3001 - "https://example.com/".Length)),
        })));
    }

    [Fact]
    public void Build_SixtySections_KeepsFiftyBlocksWithAVisibleNoticeAndReportsTheDrop()
    {
        var builder = new SlackMessageBuilder();
        for (var i = 1; i <= 60; i++)
        {
            builder.Add(new SectionBlock($"section {i}"));
        }

        var message = builder.Build();

        Assert.Equal(50, message.Blocks.Count);
        Assert.Equal("section 49", (string?)message.Blocks[48]!["text"]!["text"]);
        Assert.Equal("context", (string?)message.Blocks[49]!["type"]);
        Assert.Equal("… 11 more blocks not shown (truncated)", (string?)message.Blocks[49]!["elements"]![0]!["text"]);
        Assert.True(message.Truncated);
        Assert.Equal(new BlockKitTruncation("blocks", TruncationKind.Items, 60, 50), Assert.Single(message.Truncations));
        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
    }

    [Fact]
    public void Build_FiftySections_KeepsThemAll()
    {
        var message = new SlackMessageBuilder().AddRange(Enumerable.Range(1, 50).Select(i => new SectionBlock($"s{i}"))).Build();

        Assert.Equal(50, message.Blocks.Count);
        Assert.False(message.Truncated);
    }

    [Fact]
    public void Build_BlockIds_AreGeneratedUniqueAroundGivenOnes()
    {
        var message = new SlackMessageBuilder()
            .Add(new SectionBlock("a"))
            .Add(new SectionBlock("b") { BlockId = "b1" })
            .Add(new DividerBlock())
            .Add(new SectionBlock("c") { BlockId = "summary" })
            .Build();

        var ids = message.Blocks.Select(b => (string?)b!["block_id"]).ToList();
        Assert.Equal(["b2", "b1", "b3", "summary"], ids);
    }

    [Fact]
    public void Build_WithPrefix_UsesItForGeneratedIds()
    {
        var message = new SlackMessageBuilder("triage-42-").Add(new DividerBlock()).Add(new DividerBlock()).Build();

        Assert.Equal(["triage-42-1", "triage-42-2"], message.Blocks.Select(b => (string?)b!["block_id"]));
    }

    [Fact]
    public void Build_DuplicateGivenBlockIds_Throws()
    {
        var builder = new SlackMessageBuilder()
            .Add(new DividerBlock { BlockId = "x" })
            .Add(new DividerBlock { BlockId = "x" });

        Assert.Throws<ArgumentException>(builder.Build);
    }

    [Fact]
    public void Build_GivenBlockIdOverLimit_Throws()
    {
        Assert.Throws<ArgumentException>(() => Build(new DividerBlock { BlockId = new string('i', 256) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Build_EmptyText_ThrowsBecauseSlackRejectsEmptyTextObjects(string text)
    {
        Assert.Throws<ArgumentException>(() => Build(new SectionBlock(text)));
        Assert.Throws<ArgumentException>(() => Build(new HeaderBlock(text)));
        Assert.Throws<ArgumentException>(() => Build(new ContextBlock(TextObject.Plain(text))));
        Assert.Throws<ArgumentException>(() => Build(new ActionsBlock(new ButtonElement(text, "a"))));
    }

    [Fact]
    public void Fallback_FromPlainText_IsEscapedAndCutToFourThousand()
    {
        var message = new SlackMessageBuilder()
            .Add(new DividerBlock())
            .WithFallbackText("<!channel> " + new string('&', 5000))
            .Build();

        Assert.StartsWith("&lt;!channel&gt; &amp;&amp;", message.FallbackText, StringComparison.Ordinal);
        Assert.True(message.FallbackText.Length <= 4000);
        Assert.EndsWith("&amp;" + Marker, message.FallbackText, StringComparison.Ordinal);
        Assert.Contains(message.Truncations, t => t.Path == "text.fallback");
    }

    [Fact]
    public void Fallback_WhenNotGiven_IsTheFirstHeaderEscaped()
    {
        var message = new SlackMessageBuilder()
            .Add(new DividerBlock())
            .Add(new HeaderBlock("NullReferenceException in <Checkout> & co"))
            .Add(new SectionBlock("details"))
            .Build();

        Assert.Equal("NullReferenceException in &lt;Checkout&gt; &amp; co", message.FallbackText);
    }

    [Fact]
    public void Fallback_WhenNoBlockHasText_IsNeverEmpty()
    {
        var (text, blocks) = new SlackMessageBuilder().Add(new DividerBlock()).Build();

        Assert.Equal("(message)", text);
        Assert.Single(blocks);
    }

    [Fact]
    public void UserText_InSectionThroughEscape_CannotMentionOrBroadcast()
    {
        var userText = "please look <@U123> <!here> & <!channel>";

        var message = Build(new SectionBlock($"*Report:* {Mrkdwn.Escape(userText)}\n{Mrkdwn.CodeBlock(userText)}"));

        var shown = (string)message.Blocks[0]!["text"]!["text"]!;
        Assert.DoesNotContain("<@", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", shown, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(shown, "&lt;@U123&gt;"));
        Assert.Equal(2, CountOf(shown, "&amp; &lt;!channel&gt;"));
    }

    [Fact]
    public void Preformatted_UserText_IsSentLiterally()
    {
        const string code = "if (a < b && c > d) { notify(\"<@U123>\"); } // ```";

        var message = Build(new RichTextPreformattedBlock(code));

        Assert.Equal(code, (string?)message.Blocks[0]!["elements"]![0]!["elements"]![0]!["text"]);
        Assert.Equal(Mrkdwn.Escape(code), message.FallbackText);
    }

    [Fact]
    public void ToOutgoingMessage_CopiesTextBlocksAndThread()
    {
        var message = Build(new SectionBlock("hello"));

        var outgoing = message.ToOutgoingMessage("C1", "1700000000.000100");

        Assert.Equal("C1", outgoing.Channel);
        Assert.Equal("hello", outgoing.Text);
        Assert.Equal("1700000000.000100", outgoing.ThreadTs);
        Assert.True(JsonNode.DeepEquals(message.Blocks, outgoing.Blocks));
        Assert.NotSame(message.Blocks, outgoing.Blocks);
    }

    // JSON shapes as Slack documents them (docs.slack.dev block reference; @slack/types block-kit/*.ts).

    [Fact]
    public void Header_Json_HasSlackShape()
    {
        AssertJson("""{"type":"header","block_id":"b1","text":{"type":"plain_text","text":"Title","emoji":true}}""",
            Build(new HeaderBlock("Title")).Blocks[0]);
    }

    [Fact]
    public void Section_Json_HasSlackShape()
    {
        var section = new SectionBlock("*Cause*")
        {
            Fields = ["*Repo*\nacme/shop", "*Confidence*\nhigh"],
            Accessory = new ButtonElement("Open", "open_file") { Url = new Uri("https://github.com/acme/shop") },
        };

        AssertJson("""
            {"type":"section","block_id":"b1","text":{"type":"mrkdwn","text":"*Cause*"},
             "fields":[{"type":"mrkdwn","text":"*Repo*\nacme/shop"},{"type":"mrkdwn","text":"*Confidence*\nhigh"}],
             "accessory":{"type":"button","text":{"type":"plain_text","text":"Open","emoji":true},
                          "action_id":"open_file","url":"https://github.com/acme/shop"}}
            """, Build(section).Blocks[0]);
    }

    [Fact]
    public void Section_WithOnlyFields_HasNoText()
    {
        var json = Build(new SectionBlock(null) { Fields = ["a"] }).Blocks[0]!.AsObject();

        Assert.False(json.ContainsKey("text"));
        Assert.Empty(BlockKitValidator.Validate([json.DeepClone()]));
    }

    [Fact]
    public void Context_Json_HasSlackShape()
    {
        AssertJson("""
            {"type":"context","block_id":"b1","elements":[{"type":"mrkdwn","text":"_a_"},{"type":"plain_text","text":"b","emoji":true}]}
            """, Build(new ContextBlock(TextObject.Markdown("_a_"), TextObject.Plain("b"))).Blocks[0]);
    }

    [Fact]
    public void Divider_Json_HasSlackShape()
    {
        AssertJson("""{"type":"divider","block_id":"b1"}""", Build(new DividerBlock()).Blocks[0]);
    }

    [Fact]
    public void Actions_Json_HasSlackShape()
    {
        var fix = new ButtonElement("Draft a fix", "draft_fix")
        {
            Value = "job-7",
            Style = ButtonStyle.Primary,
            Confirm = new ConfirmDialog("Draft a fix?", "Opens a draft pull request.", "Draft", "Not now") { Style = ButtonStyle.Danger },
        };
        var dismiss = new ButtonElement("Dismiss", "dismiss") { Style = ButtonStyle.Danger };

        AssertJson("""
            {"type":"actions","block_id":"b1","elements":[
              {"type":"button","text":{"type":"plain_text","text":"Draft a fix","emoji":true},"action_id":"draft_fix",
               "value":"job-7","style":"primary",
               "confirm":{"title":{"type":"plain_text","text":"Draft a fix?","emoji":true},
                          "text":{"type":"plain_text","text":"Opens a draft pull request.","emoji":true},
                          "confirm":{"type":"plain_text","text":"Draft","emoji":true},
                          "deny":{"type":"plain_text","text":"Not now","emoji":true},
                          "style":"danger"}},
              {"type":"button","text":{"type":"plain_text","text":"Dismiss","emoji":true},"action_id":"dismiss","style":"danger"}]}
            """, Build(new ActionsBlock(fix, dismiss)).Blocks[0]);
    }

    [Fact]
    public void RichTextPreformatted_Json_HasSlackShape()
    {
        AssertJson("""
            {"type":"rich_text","block_id":"b1","elements":[
              {"type":"rich_text_preformatted","elements":[{"type":"text","text":"var x = 1;\nreturn x;"}],"border":1}]}
            """, Build(new RichTextPreformattedBlock("var x = 1;\r\nreturn x;") { Border = true }).Blocks[0]);
    }

    private static BlockKitMessage Build(SlackBlock block) => new SlackMessageBuilder().Add(block).Build();

    private static BlockKitMessage Render(string where, string text) => Build(where switch
    {
        "section.text" => new SectionBlock(text),
        "section.field" => new SectionBlock("s") { Fields = [text] },
        "header" => new HeaderBlock(text),
        "context.mrkdwn" => new ContextBlock(TextObject.Markdown(text)),
        "context.plain" => new ContextBlock(TextObject.Plain(text)),
        "button.text" => new ActionsBlock(new ButtonElement(text, "a")),
        "confirm.title" => new ActionsBlock(new ButtonElement("b", "a") { Confirm = new ConfirmDialog(text, "t") }),
        "confirm.text" => new ActionsBlock(new ButtonElement("b", "a") { Confirm = new ConfirmDialog("t", text) }),
        "confirm.confirm" => new ActionsBlock(new ButtonElement("b", "a") { Confirm = new ConfirmDialog("t", "t", text) }),
        "confirm.deny" => new ActionsBlock(new ButtonElement("b", "a") { Confirm = new ConfirmDialog("t", "t", "y", text) }),
        "preformatted" => new RichTextPreformattedBlock(text),
        _ => throw new ArgumentOutOfRangeException(nameof(where), where, null),
    });

    private static string TextAt(string where, JsonArray blocks)
    {
        var block = blocks[0]!;
        var node = where switch
        {
            "section.text" or "header" => block["text"]!["text"],
            "section.field" => block["fields"]![0]!["text"],
            "context.mrkdwn" or "context.plain" => block["elements"]![0]!["text"],
            "button.text" => block["elements"]![0]!["text"]!["text"],
            "confirm.title" => block["elements"]![0]!["confirm"]!["title"]!["text"],
            "confirm.text" => block["elements"]![0]!["confirm"]!["text"]!["text"],
            "confirm.confirm" => block["elements"]![0]!["confirm"]!["confirm"]!["text"],
            "confirm.deny" => block["elements"]![0]!["confirm"]!["deny"]!["text"],
            "preformatted" => block["elements"]![0]!["elements"]![0]!["text"],
            _ => throw new ArgumentOutOfRangeException(nameof(where), where, null),
        };
        return (string)node!;
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
