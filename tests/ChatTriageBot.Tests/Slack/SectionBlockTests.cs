using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Tests.Slack;

public sealed class SectionBlockTests
{
    [Fact]
    public void Split_ShortText_IsOneSection()
    {
        var sections = SectionBlock.Split("one\ntwo");

        Assert.Equal("one\ntwo", Assert.Single(sections).Text);
    }

    [Fact]
    public void Split_ManyLines_CutsAtLineEndsBelowTheSectionLimit()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"line {i:D4} " + new string('x', 30)).ToList();
        var text = string.Join('\n', lines);

        var sections = SectionBlock.Split(text);

        Assert.True(sections.Count > 1);
        Assert.All(sections, s => Assert.True(s.Text!.Length < SlackMessageLimits.SectionText));
        Assert.Equal(text, string.Join('\n', sections.Select(s => s.Text)));
        Assert.All(sections, s => Assert.StartsWith("line ", s.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_OneHugeLine_IsCutIntoPiecesThatJoinBack()
    {
        var text = string.Concat(Enumerable.Repeat("abc&amp;", 1200));

        var sections = SectionBlock.Split(text);

        Assert.True(sections.Count >= 4);
        Assert.All(sections, s => Assert.True(s.Text!.Length <= SlackMessageLimits.SectionText));
        Assert.All(sections, s => Assert.Matches("^(abc|&amp;|bc|c)*$", s.Text!));
        Assert.Equal(text, string.Concat(sections.Select(s => s.Text)));
    }

    [Fact]
    public void Split_CodeFenceAcrossSections_IsClosedAndReopened()
    {
        var code = Mrkdwn.CodeBlock(string.Join('\n', Enumerable.Range(0, 300).Select(i => $"  at Shop.Checkout.Step{i:D3}()")));
        var text = "*Stack trace*\n" + code + "\nafter";

        var sections = SectionBlock.Split(text);

        Assert.True(sections.Count > 1);
        Assert.All(sections, s => Assert.True(s.Text!.Length <= SlackMessageLimits.SectionText));
        Assert.All(sections, s => Assert.Equal(0, (s.Text!.Length - s.Text.Replace("```", string.Empty, StringComparison.Ordinal).Length) / 3 % 2));
        Assert.StartsWith("```", sections[1].Text, StringComparison.Ordinal);
        Assert.EndsWith("after", sections[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLongText_TooLongForFiftyBlocks_StaysValidAndReportsTruncation()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"log line {i:D5} " + new string('.', 40)));

        var message = new SlackMessageBuilder().AddLongText(text).Build();

        Assert.Equal(50, message.Blocks.Count);
        Assert.True(message.Truncated);
        Assert.Empty(BlockKitValidator.Validate(message.Blocks, message.FallbackText));
    }
}
