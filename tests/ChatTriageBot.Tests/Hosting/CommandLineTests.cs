using System.Text.Json;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>The command-line contract, through the real executable.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Triage_WithoutModelKey_PrintsRetrievalReportNamingTheRealFilesAndTheCommit()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout,
            "triage", "--repo", repo.Path, SampleShop.CustomerReport);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"`{repo.HeadSha}`", stdout, StringComparison.Ordinal);
        Assert.Contains("No model is configured (OpenAI__ApiKey is not set)", stdout, StringComparison.Ordinal);
        var ranked = stdout[stdout.IndexOf("## Ranked files", StringComparison.Ordinal)..];
        Assert.StartsWith($"## Ranked files\n\n1. `{SampleShop.CartServicePath}`", ranked.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("stack frame line 14", stdout, StringComparison.Ordinal);
        Assert.Contains("- Errors: `System.NullReferenceException`", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr.Trim());
    }

    [Fact]
    public async Task Triage_WithJson_PrintsOnlyParsableJson()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout,
            "triage", "--repo", repo.Path, "--json", SampleShop.CustomerReport);

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(repo.HeadSha, json.RootElement.GetProperty("commit").GetString());
        Assert.Equal(SampleShop.CartServicePath, json.RootElement.GetProperty("files")[0].GetProperty("path").GetString());
        Assert.False(json.RootElement.TryGetProperty("diagnosis", out _));
        Assert.True(json.RootElement.GetProperty("context").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Triage_WithModel_PrintsVerifiedDiagnosisAndDropsInventedCitations()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var openai = new FakeOpenAIServer();
        await openai.StartAsync(TestContext.Current.CancellationToken);
        openai.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2400, completionTokens: 310, cachedTokens: 1024);
        var environment = Offline(work);
        environment["OpenAI__ApiKey"] = "sk-test";
        environment["OpenAI__Endpoint"] = openai.BaseUrl.ToString();
        environment["OpenAI__Model"] = "gpt-4.1-mini";

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, environment, Timeout,
            "triage", "--repo", repo.Path, SampleShop.CustomerReport);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("## Diagnosis", stdout, StringComparison.Ordinal);
        Assert.Contains("CartService.Total dereferences Cart.Discount", stdout, StringComparison.Ordinal);
        Assert.Contains($"`{SampleShop.CartServicePath}:14-15`", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("DiscountEngine.cs", stdout, StringComparison.Ordinal);
        Assert.Contains("1 citation(s) from the model were dropped", stdout, StringComparison.Ordinal);
        Assert.Contains("2,400 tokens in (1,024 cached), 310 out", stdout, StringComparison.Ordinal);

        var request = Assert.Single(openai.CompletionRequests);
        Assert.Equal("gpt-4.1-mini", request.Model);
        var format = request.ResponseFormat!.Value;
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
        Assert.Equal("diagnosis", format.GetProperty("json_schema").GetProperty("name").GetString());
        var user = request.MessageTexts[^1];
        Assert.Contains($"<code path=\"{SampleShop.CartServicePath}\"", user, StringComparison.Ordinal);
        Assert.Contains("   14 |         var percent = cart.Discount!.Percent;", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_WithPlantedPersonalDataAndSecrets_SendsNoneOfThemToTheModel()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var openai = new FakeOpenAIServer();
        await openai.StartAsync(TestContext.Current.CancellationToken);
        openai.EnqueueCompletion(SampleShop.DiagnosisJson());
        var environment = Offline(work);
        environment["OpenAI__ApiKey"] = "sk-test";
        environment["OpenAI__Endpoint"] = openai.BaseUrl.ToString();
        string[] planted =
        [
            "jane.doe@example.com", "4111 1111 1111 1111", "AKIAIOSFODNN7EXAMPLE", "+49 30 1234 5678",
            "DE89 3704 0044 0532 0130 00", "81.14.203.195", "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "postgres://admin:S3cr3tPass!@db", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        ];
        var report = SampleShop.CustomerReport + "\nDetails: " + string.Join(" | ", planted);

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, environment, Timeout, "triage", "--repo", repo.Path, report);

        Assert.True(exitCode == 0, stderr);
        // The decoded message texts, not the raw JSON: the serializer escapes characters such as '+'.
        var body = string.Join("\n", Assert.Single(openai.CompletionRequests).MessageTexts);
        foreach (var secret in planted)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stdout, StringComparison.Ordinal);
        }

        Assert.Contains("<EMAIL_1>", body, StringComparison.Ordinal);
        Assert.Contains("- Privacy: redacted ", stdout, StringComparison.Ordinal);
        Assert.Contains("1 card", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_WhenModelFailsForGood_ExitsOneWithThePlainReason()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var openai = new FakeOpenAIServer();
        await openai.StartAsync(TestContext.Current.CancellationToken);
        openai.RespondError(401, "Incorrect API key provided", code: "invalid_api_key");
        var environment = Offline(work);
        environment["OpenAI__ApiKey"] = "sk-wrong";
        environment["OpenAI__Endpoint"] = openai.BaseUrl.ToString();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, environment, Timeout,
            "triage", "--repo", repo.Path, SampleShop.CustomerReport);

        Assert.Equal(1, exitCode);
        Assert.Contains("The model API answered HTTP 401", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [Fact]
    public async Task Locate_WithJson_PrintsRankedFilesBestFirstWithRanges()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout,
            "locate", "--repo", repo.Path, "--top", "3", "--json", "shipping cost is wrong for zero items in ShippingCalculator");

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var files = json.RootElement.EnumerateArray().ToList();
        Assert.InRange(files.Count, 1, 3);
        Assert.Equal("src/Shop/Shipping/ShippingCalculator.cs", files[0].GetProperty("path").GetString());
        var scores = files.Select(f => f.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        var range = files[0].GetProperty("ranges")[0];
        Assert.Equal(2, range.GetArrayLength());
        Assert.True(range[0].GetInt32() >= 1 && range[1].GetInt32() >= range[0].GetInt32());
    }

    [Theory]
    [InlineData("triage", "no --repo given")]
    [InlineData("triage", "--repo", ".", "   ")]
    [InlineData("locate", "--repo", ".", "--top", "0", "x")]
    [InlineData("locate", "--repo", ".", "--top", "abc", "x")]
    [InlineData("triage", "--repo", ".", "--top", "99999999999", "x")]
    [InlineData("locate", "--repo", ".", "--json", "")]
    [InlineData("frobnicate")]
    public async Task BadUsage_ExitsTwoWithTheUsageOnStandardError(params string[] args)
    {
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, args);

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage: ChatTriageBot triage --repo", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.Trim());
    }

    [Theory]
    [InlineData("/definitely/not/here", null, "does not exist")]
    [InlineData("{work}", null, "is not a git repository")]
    [InlineData("{repo}", "0123456789abcdef", "The commit '0123456789abcdef' does not exist")]
    public async Task TriageAndLocate_WithBadRepositoryOrCommit_ExitOneWithAClearMessage(string repository, string? commit, string expected)
    {
        foreach (var verb in new[] { "triage", "locate" })
        {
            await BadRepositoryOrCommitAsync(verb, repository, commit, expected);
        }
    }

    private static async Task BadRepositoryOrCommitAsync(string verb, string repository, string? commit, string expected)
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        List<string> args = [verb, "--repo", repository.Replace("{work}", work.Path, StringComparison.Ordinal).Replace("{repo}", repo.Path, StringComparison.Ordinal)];
        if (commit is not null)
        {
            args.AddRange(["--commit", commit]);
        }

        args.Add("checkout fails");

        var (exitCode, _, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout, [.. args]);

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_WithFileUrl_MirrorsTheRepositoryUnderTheDataDirectory()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(work.Path, Offline(work), Timeout,
            "triage", "--repo", new Uri(repo.Path).AbsoluteUri, SampleShop.CustomerReport);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains(repo.HeadSha!, stdout, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetDirectories(work.Combine("data", "mirrors")));
    }

    private static Dictionary<string, string> Offline(TempDirectory work) => new()
    {
        ["Data__Directory"] = work.Combine("data"),
    };
}
