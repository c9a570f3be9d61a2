using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Octokit;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class GitHubClientFactoryTests : IAsyncLifetime
{
    private readonly FakeGitHubServer gitHub = new();

    public async ValueTask InitializeAsync()
    {
        await gitHub.StartAsync(TestContext.Current.CancellationToken);
        gitHub.AddIssue("acme", "billing", 42, "Invoice export crashes", "NullReferenceException in InvoiceExporter");
        gitHub.AddFile("acme", "billing", "src/InvoiceExporter.cs", "class InvoiceExporter {}\n", gitRef: "main");
    }

    public async ValueTask DisposeAsync() => await gitHub.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("api/v3/")]
    [InlineData("api/v3")]
    public async Task Create_EitherBaseUrlForm_ReadsSeededIssueAndFileContent(string suffix)
    {
        var client = GitHubClientFactory.Create(Options(new Uri(gitHub.BaseUrl, suffix)));

        var issue = await client.Issue.Get("acme", "billing", 42);
        var contents = await client.Repository.Content.GetAllContentsByRef("acme", "billing", "src/InvoiceExporter.cs", "main");

        Assert.Equal("Invoice export crashes", issue.Title);
        Assert.Equal("class InvoiceExporter {}\n", Assert.Single(contents).Content);
        Assert.Equal(gitHub.ApiBaseUrl, client.Connection.BaseAddress);
    }

    [Fact]
    public async Task Create_UnknownIssue_ThrowsNotFoundException()
    {
        var client = GitHubClientFactory.Create(Options(gitHub.BaseUrl));

        await Assert.ThrowsAsync<NotFoundException>(() => client.Issue.Get("acme", "billing", 404));
    }

    [Fact]
    public async Task Create_WithToken_SendsTokenAndProductHeader()
    {
        var client = GitHubClientFactory.Create(Options(gitHub.BaseUrl));

        await client.User.Current();

        var request = Assert.Single(gitHub.Requests);
        Assert.Equal($"token {gitHub.ExpectedToken}", request.Authorization, ignoreCase: true);
        Assert.StartsWith(GitHubClientFactory.ProductName, request.Header("User-Agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutToken_SendsNoCredentials()
    {
        gitHub.ExpectedToken = null;
        var client = GitHubClientFactory.Create(new GitHubOptions { ApiBaseUrl = gitHub.BaseUrl });

        await client.Issue.Get("acme", "billing", 42);

        Assert.Null(Assert.Single(gitHub.Requests).Authorization);
    }

    [Fact]
    public void Create_GitHubDotCom_UsesPublicApi()
    {
        var client = GitHubClientFactory.Create(new GitHubOptions());

        Assert.Equal(new Uri("https://api.github.com/"), client.Connection.BaseAddress);
    }

    [Fact]
    public async Task AddGitHub_BoundFromConfiguration_SharesOneWorkingClient()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["GitHub:ApiBaseUrl"] = gitHub.ApiBaseUrl.AbsoluteUri,
                ["GitHub:Token"] = gitHub.ExpectedToken,
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddGitHub()
            .BuildServiceProvider(validateScopes: true);

        var factory = services.GetRequiredService<GitHubClientFactory>();
        var issue = await factory.Client.Issue.Get("acme", "billing", 42);

        Assert.Same(factory.Client, services.GetRequiredService<GitHubClientFactory>().Client);
        Assert.Equal(42, issue.Number);
    }

    private GitHubOptions Options(Uri apiBaseUrl) => new() { ApiBaseUrl = apiBaseUrl, Token = gitHub.ExpectedToken, TimeoutSeconds = 5 };
}
