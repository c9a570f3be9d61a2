using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Fixes;

/// <summary>The fixes feature's settings are validated at start: a malformed one stops the bot with one line naming it.</summary>
public sealed class FixesSettingsTests
{
    [Fact]
    public async Task Serve_WithMalformedFixAndPullRequestSettings_NamesEachKey()
    {
        using var folder = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Data__Directory"] = Path.Combine(folder.Path, "data"),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Repos__0__Name"] = "acme/shop",
            ["Repos__0__CloneUrl"] = folder.Path,
            ["Fixes__MaxFiles"] = "0",
            ["Fixes__MaxChangedLines"] = "200",
            ["Fixes__ProtectedPaths__0"] = "../outside/**",
            ["Fixes__ProtectedPaths__1"] = "**/*.pem",
            ["GitHub__PullRequestLabels__0"] = "a label far longer than the fifty characters GitHub allows for labels",
        };

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("Fixes__MaxFiles must be between 1 and 1000, not 0.", stderr, StringComparison.Ordinal);
        Assert.Contains("Fixes__ProtectedPaths__0 '../outside/**' contains '..'", stderr, StringComparison.Ordinal);
        Assert.Contains("GitHub__PullRequestLabels__0 must be a label name of 1 to 50 characters", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Fixes__MaxChangedLines", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Fixes__ProtectedPaths__1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithCheckTimeoutThatIsNotANumber_NamesTheKey()
    {
        using var folder = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Data__Directory"] = Path.Combine(folder.Path, "data"),
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Fixes__CheckTimeoutSeconds"] = "five minutes",
        };

        var (exitCode, _, stderr) = await AppProcess.RunAsync(folder.Path, environment, TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("Fixes__CheckTimeoutSeconds: 'five minutes' is not a valid whole number.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
