using ChatTriageBot.Slack.BlockKit;

namespace ChatTriageBot.Tests.Slack;

public sealed class MrkdwnTests
{
    [Fact]
    public void Escape_MentionsBroadcastsAndAmpersand_BecomeEntities()
    {
        var escaped = Mrkdwn.Escape("ping <@U123> and <!here>, see <https://evil.example|docs> & more");

        Assert.Equal("ping &lt;@U123&gt; and &lt;!here&gt;, see &lt;https://evil.example|docs&gt; &amp; more", escaped);
    }

    [Fact]
    public void Escape_OtherCharacters_AreLeftAlone()
    {
        const string text = "\"quotes\" 'single' *bold* _it_ ~s~ `code` é ü 日本 👍 ; # @U1 !here";

        Assert.Equal(text, Mrkdwn.Escape(text));
    }

    [Fact]
    public void Escape_AlreadyEscapedText_IsEscapedAgain()
    {
        Assert.Equal("&amp;amp;", Mrkdwn.Escape("&amp;"));
    }

    [Fact]
    public void CodeBlock_WithControlSequences_EscapesThemInsideTheFence()
    {
        var block = Mrkdwn.CodeBlock("if (a < b && c > d) notify(\"<@U123>\", \"<!channel>\");\n");

        Assert.Equal("```\nif (a &lt; b &amp;&amp; c &gt; d) notify(\"&lt;@U123&gt;\", \"&lt;!channel&gt;\");\n```", block);
    }

    [Fact]
    public void CodeBlock_WithTripleBackticks_CannotCloseTheFenceEarly()
    {
        var block = Mrkdwn.CodeBlock("before\n```\n<!here>\n```");

        Assert.StartsWith("```\n", block, StringComparison.Ordinal);
        Assert.EndsWith("\n```", block, StringComparison.Ordinal);
        var inner = block[4..^4];
        Assert.DoesNotContain("```", inner, StringComparison.Ordinal);
        Assert.Contains("&lt;!here&gt;", inner, StringComparison.Ordinal);
    }

    [Fact]
    public void InlineCode_WithBackticksNewlinesAndMentions_StaysOneSafeSpan()
    {
        var code = Mrkdwn.InlineCode("a`b\n<@U123> & c");

        Assert.Equal("`a\u02CBb &lt;@U123&gt; &amp; c`", code);
    }

    [Fact]
    public void Link_WithUserLabel_EscapesTheLabelAndItsPipe()
    {
        var link = Mrkdwn.Link(new Uri("https://github.com/acme/shop/issues?q=a&b=1"), "<!here> a|b & c");

        Assert.Equal("<https://github.com/acme/shop/issues?q=a&amp;b=1|&lt;!here&gt; a\u2223b &amp; c>", link);
    }

    [Fact]
    public void Link_WithoutLabel_IsTheBareUrl()
    {
        Assert.Equal("<https://example.com/>", Mrkdwn.Link(new Uri("https://example.com")));
    }

    [Fact]
    public void Link_WithJavascriptScheme_Throws()
    {
        Assert.Throws<ArgumentException>(() => Mrkdwn.Link(new Uri("javascript:alert(1)"), "x"));
    }

    [Fact]
    public void User_WithValidId_IsAMention()
    {
        Assert.Equal("<@U123ABC>", Mrkdwn.User("U123ABC"));
        Assert.Equal("<#C42>", Mrkdwn.Channel("C42"));
    }

    [Theory]
    [InlineData("U1> <!here")]
    [InlineData("u123")]
    [InlineData("")]
    public void User_WithSomethingElseThanAnId_Throws(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => Mrkdwn.User(id));
    }

    [Fact]
    public void Bold_WithUserText_EscapesIt()
    {
        Assert.Equal("*a &lt;b&gt;*", Mrkdwn.Bold(" a <b> "));
    }
}
