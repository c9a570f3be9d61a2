using ChatTriageBot.Hosting;

namespace ChatTriageBot.Tests.Hosting;

public sealed class DotEnvConfigurationProviderTests
{
    [Fact]
    public void Parse_TypicalFile_ReadsKeysValuesQuotesAndSkipsComments()
    {
        var pairs = DotEnvConfigurationProvider.Parse(
        [
            "# comment",
            "",
            "Slack__BotToken=xoxb-1",
            "export OpenAI__Model = gpt-4.1-mini ",
            "Quoted=\"two words # not a comment\"",
            "Single='it''s raw'",
            "Trailing=value # a comment",
            "Multi=\"line1\\nline2\"",
            "not a pair",
            "=novalue",
        ]).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("xoxb-1", pairs["Slack__BotToken"]);
        Assert.Equal("gpt-4.1-mini", pairs["OpenAI__Model"]);
        Assert.Equal("two words # not a comment", pairs["Quoted"]);
        Assert.Equal("it''s raw", pairs["Single"]);
        Assert.Equal("value", pairs["Trailing"]);
        Assert.Equal("line1\nline2", pairs["Multi"]);
        Assert.Equal(6, pairs.Count);
    }

    [Fact]
    public void Load_DoubleUnderscoreKeys_BecomeConfigurationSections()
    {
        using var folder = new ChatTriageBot.Tests.Infrastructure.TempDirectory();
        var path = folder.Combine(".env");
        File.WriteAllText(path, "Repos__0__Name=acme/shop\nRepos__0__Channels__0=C1\n");
        var provider = new DotEnvConfigurationProvider(path);

        provider.Load();

        Assert.True(provider.TryGet("Repos:0:Name", out var name));
        Assert.Equal("acme/shop", name);
        Assert.True(provider.TryGet("Repos:0:Channels:0", out var channel));
        Assert.Equal("C1", channel);
    }
}
