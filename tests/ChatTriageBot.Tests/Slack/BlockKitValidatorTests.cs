using System.Text.Json.Nodes;
using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Tests.Slack;

public sealed class BlockKitValidatorTests
{
    [Theory]
    [MemberData(nameof(GoldenMessageNames))]
    public void Validate_BuilderOutput_HasNoViolations(string name)
    {
        var message = GoldenMessages.All[name];

        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
    }

    public static TheoryData<string> GoldenMessageNames => [.. GoldenMessages.All.Keys];

    [Fact]
    public void Validate_FiftyOneBlocks_ReportsTheCount()
    {
        var blocks = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)new JsonObject { ["type"] = "divider" })]);

        var violation = Assert.Single(BlockKitValidator.Validate(blocks));

        Assert.Equal("blocks", violation.Path);
    }

    [Fact]
    public void Validate_HandWrittenMistakes_AreEachReported()
    {
        var blocks = Parse("""
            [
              {"type":"header","block_id":"x","text":{"type":"mrkdwn","text":"ok"}},
              {"type":"section","block_id":"x","text":{"type":"mrkdwn","text":""}},
              {"type":"section","block_id":"s2"},
              {"type":"section","text":{"type":"mrkdwn","text":"SECTION3001"},"fields":FIELDS11},
              {"type":"context","elements":CONTEXT11},
              {"type":"actions","elements":[
                {"type":"button","text":{"type":"plain_text","text":"BUTTON76"},"action_id":"a","style":"green"},
                {"type":"button","text":{"type":"plain_text","text":"b"},"action_id":"a",
                 "confirm":{"title":{"type":"plain_text","text":"t"},"text":{"type":"plain_text","text":"t"},
                            "confirm":{"type":"plain_text","text":"CONFIRM31"},"deny":{"type":"plain_text","text":"n"}}}]},
              {"type":"actions","elements":[]},
              {"type":"rich_text","elements":[{"type":"rich_text_preformatted","elements":[{"type":"text","text":"CODE3001"}]}]},
              {"block_id":"t"}
            ]
            """
            .Replace("SECTION3001", new string('s', 3001), StringComparison.Ordinal)
            .Replace("BUTTON76", new string('b', 76), StringComparison.Ordinal)
            .Replace("CONFIRM31", new string('c', 31), StringComparison.Ordinal)
            .Replace("CODE3001", new string('c', 3001), StringComparison.Ordinal)
            .Replace("FIELDS11", TextObjects(11, "mrkdwn"), StringComparison.Ordinal)
            .Replace("CONTEXT11", TextObjects(11, "plain_text"), StringComparison.Ordinal));

        var paths = BlockKitValidator.Validate(blocks, text: "").Select(v => v.Path).ToList();

        Assert.Equal(
            [
                "text",
                "blocks[0].text.type",
                "blocks[1].block_id",
                "blocks[1].text.text",
                "blocks[2]",
                "blocks[3].text.text",
                "blocks[3].fields",
                "blocks[4].elements",
                "blocks[5].elements[0].text.text",
                "blocks[5].elements[0].style",
                "blocks[5].elements[1].action_id",
                "blocks[5].elements[1].confirm.confirm.text",
                "blocks[6].elements",
                "blocks[7].elements[0].elements",
                "blocks[8].type",
            ],
            paths);
    }

    [Fact]
    public void Validate_SameActionIdInDifferentBlocks_IsAllowed()
    {
        var blocks = Parse("""
            [{"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"a"},"action_id":"go"}]},
             {"type":"section","text":{"type":"mrkdwn","text":"s"},
              "accessory":{"type":"button","text":{"type":"plain_text","text":"a"},"action_id":"go"}}]
            """);

        Assert.Empty(BlockKitValidator.Validate(blocks));
    }

    [Fact]
    public void Validate_FallbackTextOverFourThousand_IsReported()
    {
        var violation = Assert.Single(BlockKitValidator.Validate([], new string('t', 4001)));

        Assert.Equal("text", violation.Path);
    }

    private static JsonArray Parse(string json) => JsonNode.Parse(json)!.AsArray();

    private static string TextObjects(int count, string type) =>
        new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["type"] = type, ["text"] = $"t{i}" })]).ToJsonString();
}
