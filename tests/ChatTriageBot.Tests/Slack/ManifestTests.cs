using YamlDotNet.Serialization;

namespace ChatTriageBot.Tests.Slack;

public sealed class ManifestTests
{
    // What the code relies on (docs/slack-platform.md section 8): the Events API subscriptions the mention and
    // thread handlers read, and the message events of public and private support channels that intake counts (and
    // auto mode triages), the Web API methods the bot calls (chat.postMessage/update, reactions.add,
    // conversations.history/replies, the digest's search of its channel's history, files.* upload and download,
    // users.info), and the /triage command with its subcommands.
    // Add here whatever new code starts to depend on, so a manifest without it fails.
    private static readonly string[] RequiredBotScopes =
    [
        "app_mentions:read", "chat:write", "channels:history", "groups:history", "im:history",
        "reactions:write", "commands", "files:write", "files:read", "users:read",
    ];

    private static readonly string[] RequiredBotEvents = ["app_mention", "message.channels", "message.groups", "message.im"];

    private const string TriageCommand = "/triage";

    public static TheoryData<string> Manifests => ["slack-app.yaml", "slack-app.socket-mode.yaml"];

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_Parsed_HasANameThatFitsAndTheScopesEventsAndCommandTheCodeUses(string file)
    {
        var manifest = Load(file);

        var name = Scalar(manifest, "display_information", "name");
        Assert.InRange(name.Length, 1, 35);
        Assert.InRange(Scalar(manifest, "features", "bot_user", "display_name").Length, 1, 80);

        var scopes = Sequence(manifest, "oauth_config", "scopes", "bot");
        Assert.All(RequiredBotScopes, scope => Assert.Contains(scope, scopes));

        var events = Sequence(manifest, "settings", "event_subscriptions", "bot_events");
        Assert.All(RequiredBotEvents, e => Assert.Contains(e, events));

        var command = Commands(manifest).SingleOrDefault(c => c.TryGetValue("command", out var value) && value as string == TriageCommand);
        Assert.NotNull(command);
        Assert.False(string.IsNullOrWhiteSpace(command["description"] as string));
        Assert.All(["cost", "budget", "status", "auto", "repo", "help"], word => Assert.Contains(word, command["usage_hint"] as string, StringComparison.Ordinal));

        Assert.Equal("true", Scalar(manifest, "settings", "interactivity", "is_enabled"));
    }

    [Fact]
    public void HttpManifest_RequestUrls_PointAtTheSlackEndpoints()
    {
        var manifest = Load("slack-app.yaml");

        Assert.EndsWith("/slack/events", Scalar(manifest, "settings", "event_subscriptions", "request_url"), StringComparison.Ordinal);
        Assert.EndsWith("/slack/interactions", Scalar(manifest, "settings", "interactivity", "request_url"), StringComparison.Ordinal);
        Assert.All(Commands(manifest), c => Assert.EndsWith("/slack/commands", c["url"] as string, StringComparison.Ordinal));
        Assert.All(
            [Scalar(manifest, "settings", "event_subscriptions", "request_url"), Scalar(manifest, "settings", "interactivity", "request_url")],
            url => Assert.StartsWith("https://", url, StringComparison.Ordinal));
        Assert.Equal("false", Scalar(manifest, "settings", "socket_mode_enabled"));
    }

    [Fact]
    public void SocketModeManifest_HasNoRequestUrls()
    {
        var manifest = Load("slack-app.socket-mode.yaml");

        Assert.False(Map(manifest, "settings", "event_subscriptions").ContainsKey("request_url"));
        Assert.False(Map(manifest, "settings", "interactivity").ContainsKey("request_url"));
        Assert.All(Commands(manifest), c => Assert.False(c.ContainsKey("url")));
        Assert.Equal("true", Scalar(manifest, "settings", "socket_mode_enabled"));
    }

    [Fact]
    public void Manifests_BothModes_DifferOnlyInUrlsAndSocketMode()
    {
        Assert.Equal(Sequence(Load("slack-app.yaml"), "oauth_config", "scopes", "bot"), Sequence(Load("slack-app.socket-mode.yaml"), "oauth_config", "scopes", "bot"));
        Assert.Equal(Sequence(Load("slack-app.yaml"), "settings", "event_subscriptions", "bot_events"), Sequence(Load("slack-app.socket-mode.yaml"), "settings", "event_subscriptions", "bot_events"));
    }

    [Fact]
    public async Task ManifestVerb_WithTheBotsUrl_PrintsTheHttpManifestCallingThatHostAndNothingElse()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ChatTriageBot.Hosting.CommandLine.RunAsync(["manifest", "--url", "https://triage.acme.test/bot/"], output, error, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, error.ToString());
        var yaml = output.ToString();
        Assert.DoesNotContain("example.com", yaml, StringComparison.Ordinal);
        var manifest = Parse(yaml);
        Assert.Equal("https://triage.acme.test/bot/slack/events", Scalar(manifest, "settings", "event_subscriptions", "request_url"));
        Assert.Equal("https://triage.acme.test/bot/slack/interactions", Scalar(manifest, "settings", "interactivity", "request_url"));
        Assert.Equal("https://triage.acme.test/bot/slack/commands", Assert.Single(Commands(manifest))["url"]);
        Assert.Equal(Sequence(Load("slack-app.yaml"), "oauth_config", "scopes", "bot"), Sequence(manifest, "oauth_config", "scopes", "bot"));
    }

    [Fact]
    public async Task ManifestVerb_SocketMode_PrintsTheSocketModeManifestAsCommitted()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ChatTriageBot.Hosting.CommandLine.RunAsync(["manifest", "--socket-mode"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(File.ReadAllText(SourceTree.Combine("manifests", "slack-app.socket-mode.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal), output.ToString());
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("manifest --url http://triage.acme.test")]
    [InlineData("manifest --url triage.acme.test")]
    [InlineData("manifest --url https://triage.acme.test --socket-mode")]
    public async Task ManifestVerb_WithoutAUsableChoice_IsBadUsageWithTheReasonAndNoManifest(string args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ChatTriageBot.Hosting.CommandLine.RunAsync(args.Split(' '), output, error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Matches("https URL|--url https://your-bot-host", error.ToString());
    }

    private static Dictionary<object, object> Load(string file) => Parse(File.ReadAllText(SourceTree.Combine("manifests", file)));

    private static Dictionary<object, object> Parse(string yaml) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(yaml);

    private static Dictionary<object, object> Map(Dictionary<object, object> root, params string[] path)
    {
        var current = root;
        foreach (var key in path)
        {
            Assert.True(current.TryGetValue(key, out var next), $"missing '{key}' in {string.Join('.', path)}");
            current = Assert.IsType<Dictionary<object, object>>(next);
        }

        return current;
    }

    private static string Scalar(Dictionary<object, object> root, params string[] path)
    {
        var parent = Map(root, path[..^1]);
        Assert.True(parent.TryGetValue(path[^1], out var value), $"missing {string.Join('.', path)}");
        return Assert.IsType<string>(value);
    }

    private static List<string> Sequence(Dictionary<object, object> root, params string[] path)
    {
        var parent = Map(root, path[..^1]);
        Assert.True(parent.TryGetValue(path[^1], out var value), $"missing {string.Join('.', path)}");
        return [.. Assert.IsType<List<object>>(value).Select(item => Assert.IsType<string>(item))];
    }

    private static List<Dictionary<object, object>> Commands(Dictionary<object, object> root)
    {
        var features = Map(root, "features");
        Assert.True(features.TryGetValue("slash_commands", out var value), "missing features.slash_commands");
        return [.. Assert.IsType<List<object>>(value).Select(item => Assert.IsType<Dictionary<object, object>>(item))];
    }
}
