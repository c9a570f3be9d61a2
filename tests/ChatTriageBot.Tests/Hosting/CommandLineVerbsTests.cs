using ChatTriageBot.Hosting;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Costs;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>
/// The command line as people use it: words beginning with @ are text, the text may be piped in, every verb answers
/// --help, and the cost and digest verbs read the bot's database (exit codes 0, 1 and 2 as the README says).
/// </summary>
public sealed class CommandLineVerbsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATextBeginningWithAt_IsText_NotAResponseFile()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, "triage", "--repo", repo.Path, "@team checkout is broken in CartService.Total");

        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain("response file", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"`{repo.HeadSha}`", stdout, StringComparison.Ordinal);
        Assert.Contains(SampleShop.CartServicePath, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheText_MayBePipedToStandardInput_WithQuotesAndNewlines()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        var text = "@support: \"Checkout fails\" since the update.\n" + SampleShop.CustomerReport;

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, text, ["triage", "--repo", repo.Path, "-"]);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains("stack frame line 14", stdout, StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        exitCode = await CommandLine.RunAsync(["locate", "--repo", repo.Path, "--json"], new StringReader(text), output, error, Ct);
        Assert.True(exitCode == 0, error.ToString());
        Assert.StartsWith($"[\n  {{\n    \"path\": \"{SampleShop.CartServicePath}\"", output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        exitCode = await CommandLine.RunAsync(["triage", "--repo", repo.Path], new StringReader("  \n"), output, error, Ct);
        Assert.Equal(2, exitCode);
        Assert.Contains("The text is empty", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("triage")]
    [InlineData("locate")]
    [InlineData("cost")]
    [InlineData("digest")]
    [InlineData("manifest")]
    public async Task EveryVerb_AnswersHelp(string verb)
    {
        foreach (var args in new[] { new[] { verb, "--help" }, ["help", verb] })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exitCode = await CommandLine.RunAsync(args, null, output, error, Ct);

            Assert.True(exitCode == 0, error.ToString());
            // The usage line names the executable (here, the test host) and then the verb.
            Assert.Matches($@"Usage:\s+\S+ {verb} ", output.ToString());
            Assert.Contains("Options:", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cost", "--since", "5x")]
    [InlineData("cost", "--since", "7d", "--from", "2026-11-01", "--to", "2026-11-07")]
    [InlineData("cost", "--from", "2026-11-01")]
    [InlineData("cost", "--from", "2026-11-01", "--to", "1 Nov")]
    [InlineData("cost", "--by", "team")]
    [InlineData("digest", "--week", "2026-47")]
    [InlineData("digest", "--week", "2026-W60")]
    public async Task MalformedCostAndDigestArguments_AreBadUsage_WithTheReason(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CommandLine.RunAsync(args, null, output, error, Ct);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: ChatTriageBot", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString());
    }

    [Fact]
    public async Task CostAndDigest_WithoutTheBotsDatabase_SayWhereTheyLooked_AndPostingNeedsSlackSettings()
    {
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, "cost");
        Assert.Equal(1, exitCode);
        Assert.Contains($"There is no bot database at {work.Combine("data", "chattriagebot.db")}", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);

        (exitCode, _, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, "digest");
        Assert.Equal(1, exitCode);
        Assert.Contains("Posting the digest needs Slack__BotToken and Digest__Channel; use --dry-run", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_DryRunPrintsItAndWritesTheChart_AndPostingPostsItOnce()
    {
        await using var ledger = await LedgerServices.StartAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var monday = new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.Zero);
        await ledger.RequestAsync("C0SUPPORT", "1763294400.000100", monday);
        var triage = await ledger.TriageAsync(monday, channel: "C0SUPPORT", threadTs: "1763294400.000100", kind: "bug", severity: "high", answerMs: 8_000, blamed: ["src/Checkout/CartService.cs"]);
        await ledger.SpendAsync(monday, 1_568, triageId: triage, input: 2400, output: 380);
        var environment = new Dictionary<string, string>(ledger.Environment) { ["Digest__TimeZone"] = "Europe/Berlin" };

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(ledger.DataDirectory, environment, Timeout, "digest", "--dry-run", "--week", "2026-W47");

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("Weekly triage digest, 2026-W47: Mon 16 Nov to Sun 22 Nov 2026", stdout, StringComparison.Ordinal);
        Assert.Contains("1 received in support channels, 1 of them triaged (100%)", stdout, StringComparison.Ordinal);
        Assert.Contains("$0.0016 in 1 model call(s)", stdout, StringComparison.Ordinal);
        var chart = Path.Combine(ledger.DataDirectory, "digests", "triage-digest-2026-W47.png");
        Assert.Contains($"Chart: {chart}", stdout, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(chart, Ct))[..4]);

        await using var slack = new FakeSlackServer();
        await slack.StartAsync(Ct);
        environment["Slack__BotToken"] = slack.BotToken!;
        environment["Slack__ApiBaseUrl"] = slack.BaseUrl.ToString();
        environment["Digest__Channel"] = "C0DIGEST";
        (exitCode, stdout, stderr) = await AppProcess.RunAsync(ledger.DataDirectory, environment, Timeout, "digest", "--week", "2026-W47");
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("Posted the digest of 2026-W47 in C0DIGEST", stdout, StringComparison.Ordinal);

        (exitCode, stdout, stderr) = await AppProcess.RunAsync(ledger.DataDirectory, environment, Timeout, "digest", "--week", "2026-W47");
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("The digest of 2026-W47 was posted already in C0DIGEST", stdout, StringComparison.Ordinal);
        Assert.Single(slack.Calls("chat.postMessage"));
        Assert.Single(slack.Uploads);
    }

    private static Dictionary<string, string> Offline(TempDirectory work) => new() { ["Data__Directory"] = work.Combine("data") };
}
