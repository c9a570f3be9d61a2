using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Hosting;

public sealed class StartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_WithoutSlackSettings_ExitsOneNamingEachMissingKeyOnItsOwnLine()
    {
        using var folder = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(folder.Path, Environment(folder), Timeout);

        Assert.Equal(1, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Single(lines, l => l.StartsWith("Slack__BotToken is missing", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Slack__SigningSecret is missing", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Repos__0__Name is missing", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [Fact]
    public async Task Serve_WithMalformedSettings_NamesTheKeysAndKeepsTheValidOnesQuiet()
    {
        using var folder = new TempDirectory();
        var environment = Environment(folder);
        environment["Slack__BotToken"] = "xapp-wrong-kind";
        environment["Slack__Mode"] = "Carrier-Pigeon";
        environment["Repos__0__Name"] = "acme/shop";
        environment["Repos__0__CloneUrl"] = folder.Path;
        environment["OpenAI__Endpoint"] = "not a url";
        environment["CodeContext__FetchIntervalMinutes"] = "2000";
        environment["Access__GenerateFix__0"] = "jane@example.com";
        environment["Data__Directory"] = " ";

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("Slack__BotToken must be a bot token starting with xoxb-.", stderr, StringComparison.Ordinal);
        Assert.Contains("Slack__Mode must be 'Http' or 'SocketMode', not 'Carrier-Pigeon'.", stderr, StringComparison.Ordinal);
        Assert.Contains("OpenAI__Endpoint must be an absolute http(s) URL", stderr, StringComparison.Ordinal);
        Assert.Contains("CodeContext__FetchIntervalMinutes must be between 0 (off) and 1440.", stderr, StringComparison.Ordinal);
        Assert.Contains("Access__GenerateFix__0: 'jane@example.com' is not a Slack user id (U… or W…) or user-group id (S…).", stderr, StringComparison.Ordinal);
        Assert.Contains("Data__Directory is empty: give the folder for mirrors, indexes and the SQLite file (default data).", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Repos__0__", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithBadTriageAndRedactionSettings_NamesEachKey()
    {
        using var folder = new TempDirectory();
        var environment = Environment(folder);
        environment["Repos__0__Name"] = "acme/shop";
        environment["Repos__0__CloneUrl"] = folder.Path;
        environment["Triage__FixabilityThreshold"] = "1.5";
        environment["Redaction__Disabled__0"] = "EMAILS";
        environment["Redaction__Patterns__0__Kind"] = "customer id";
        environment["Redaction__Patterns__0__Pattern"] = "CUST-(\\d+";
        environment["Redaction__Patterns__1__Kind"] = "ANYTHING";
        environment["Redaction__Patterns__1__Pattern"] = "x*";

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("Triage__FixabilityThreshold must be between 0 and 1.", stderr, StringComparison.Ordinal);
        Assert.Contains("Redaction__Disabled__0: 'EMAILS' is not a redaction kind (one of PRIVATE_KEY, JWT,", stderr, StringComparison.Ordinal);
        Assert.Contains("Redaction__Patterns__0__Kind must be upper-case letters, digits and underscores", stderr, StringComparison.Ordinal);
        Assert.Contains("Redaction__Patterns__0__Pattern is not a valid regular expression", stderr, StringComparison.Ordinal);
        Assert.Contains("Redaction__Patterns__1__Pattern matches empty text", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jobs__Workers", "many")]
    [InlineData("CodeContext__FetchIntervalMinutes", "soon")]
    public async Task Serve_WithNumberSettingThatIsNotANumber_NamesTheKey(string key, string value)
    {
        using var folder = new TempDirectory();
        var environment = Environment(folder);
        environment[key] = value;

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, Timeout);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{key}: '{value}' is not a valid whole number.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithSettingsInDotEnvFile_ReadsThemFromTheWorkingDirectory()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(Path.Combine(folder.Path, ".env"), """
            # local settings
            Slack__BotToken=xoxb-from-dotenv
            export Slack__SigningSecret="from-dotenv"
            """);

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, Environment(folder), Timeout);

        Assert.Equal(1, exitCode);
        Assert.DoesNotContain("Slack__BotToken", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Slack__SigningSecret", stderr, StringComparison.Ordinal);
        Assert.Contains("Repos__0__Name is missing", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithEnvironmentVariableAndDotEnv_EnvironmentWins()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(Path.Combine(folder.Path, ".env"), "Slack__BotToken=xoxb-from-dotenv\n");
        var environment = Environment(folder);
        environment["Slack__BotToken"] = "not-a-bot-token";

        var (_, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, Timeout);

        Assert.Contains("Slack__BotToken must be a bot token starting with xoxb-.", stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(TempDirectory folder) => new()
    {
        ["Data__Directory"] = System.IO.Path.Combine(folder.Path, "data"),
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
    };
}
