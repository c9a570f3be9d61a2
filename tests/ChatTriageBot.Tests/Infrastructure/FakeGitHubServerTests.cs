using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using Octokit;

namespace ChatTriageBot.Tests.Infrastructure;

public sealed class FakeGitHubServerTests : IAsyncLifetime
{
    private readonly FakeGitHubServer gitHub = new();
    private GitHubClient client = null!;

    public async ValueTask InitializeAsync()
    {
        await gitHub.StartAsync(TestContext.Current.CancellationToken);
        gitHub.AddRepository("acme", "billing");
        client = GitHubClientFactory.Create(new GitHubOptions { ApiBaseUrl = gitHub.BaseUrl, Token = gitHub.ExpectedToken });
    }

    public async ValueTask DisposeAsync() => await gitHub.DisposeAsync();

    [Fact]
    public async Task Repository_Seeded_ReturnsDefaultBranch()
    {
        var repository = await client.Repository.Get("acme", "billing");

        Assert.Equal("main", repository.DefaultBranch);
        Assert.Equal("acme/billing", repository.FullName);
    }

    [Fact]
    public async Task IssueComments_Seeded_AreListedInOrder()
    {
        gitHub.AddIssue("acme", "billing", 7, "Crash");
        gitHub.AddIssueComment("acme", "billing", 7, "first");
        gitHub.AddIssueComment("acme", "billing", 7, "second");

        var comments = await client.Issue.Comment.GetAllForIssue("acme", "billing", 7);

        Assert.Equal(["first", "second"], comments.Select(c => c.Body));
    }

    [Fact]
    public async Task PullRequestAndFiles_Seeded_AreReturned()
    {
        gitHub.AddPullRequest("acme", "billing", 3, "Fix export", head: "fix/export");
        gitHub.AddPullRequestFile("acme", "billing", 3, "src/Export.cs", "@@ -1 +1 @@\n-a\n+b", additions: 1, deletions: 1);

        var pull = await client.PullRequest.Get("acme", "billing", 3);
        var files = await client.PullRequest.Files("acme", "billing", 3);

        Assert.Equal("fix/export", pull.Head.Ref);
        Assert.Equal("src/Export.cs", Assert.Single(files).FileName);
    }

    [Fact]
    public async Task Contents_Directory_ListsFilesAndSubdirectories()
    {
        gitHub.AddFile("acme", "billing", "src/A.cs", "a");
        gitHub.AddFile("acme", "billing", "src/Sub/B.cs", "b");

        var entries = await client.Repository.Content.GetAllContents("acme", "billing", "src");

        Assert.Equal([("A.cs", ContentType.File), ("Sub", ContentType.Dir)], entries.Select(e => (e.Name, e.Type.Value)));
    }

    [Fact]
    public async Task PullRequestFlow_Writes_ReturnHtmlUrlsAndAreRecorded()
    {
        var blob = await client.Git.Blob.Create("acme", "billing", new NewBlob { Content = "class A {}", Encoding = EncodingType.Utf8 });
        var newTree = new NewTree { BaseTree = "base" };
        newTree.Tree.Add(new NewTreeItem { Path = "src/A.cs", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        var tree = await client.Git.Tree.Create("acme", "billing", newTree);
        var commit = await client.Git.Commit.Create("acme", "billing", new NewCommit("bot: fix", tree.Sha, "parent"));
        await client.Git.Reference.Create("acme", "billing", new NewReference("refs/heads/bot/fix-1", commit.Sha));
        var pull = await client.PullRequest.Create("acme", "billing", new NewPullRequest("Fix A", "bot/fix-1", "main") { Draft = true, Body = "diagnosis" });

        Assert.Equal(1, pull.Number);
        Assert.True(pull.Draft);
        Assert.Equal(new Uri(gitHub.BaseUrl, "acme/billing/pull/1").AbsoluteUri, pull.HtmlUrl);
        Assert.Equal(commit.Sha, (await client.Git.Reference.Get("acme", "billing", "heads/bot/fix-1")).Object.Sha);
        var writes = gitHub.Writes;
        Assert.Equal(5, writes.Count);
        Assert.Equal("diagnosis", writes[^1].JsonBody().GetProperty("body").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Get_Returns404WithGitHubErrorBody()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", gitHub.ExpectedToken);

        using var response = await http.GetAsync(new Uri(gitHub.ApiBaseUrl, "nothing/here"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found", body.GetProperty("message").GetString());
        Assert.True(body.TryGetProperty("documentation_url", out _));
    }

    [Fact]
    public async Task RespondRateLimited_Scripted_ThrowsRateLimitExceededWithReset()
    {
        gitHub.RespondRateLimited("repos/acme/billing", retryAfterSeconds: 60);

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.Repository.Get("acme", "billing"));

        Assert.Equal(0, error.Remaining);
        Assert.True(error.Reset > DateTimeOffset.UnixEpoch);
        Assert.Equal("acme/billing", (await client.Repository.Get("acme", "billing")).FullName);
    }

    [Fact]
    public async Task RespondUnauthorized_Scripted_ThrowsAuthorizationException()
    {
        gitHub.RespondUnauthorized();

        await Assert.ThrowsAsync<AuthorizationException>(() => client.User.Current());
    }

    [Fact]
    public async Task WrongToken_AnyCall_ThrowsAuthorizationException()
    {
        var wrong = GitHubClientFactory.Create(new GitHubOptions { ApiBaseUrl = gitHub.BaseUrl, Token = "ghp_wrong" });

        await Assert.ThrowsAsync<AuthorizationException>(() => wrong.Repository.Get("acme", "billing"));
    }

    [Fact]
    public async Task HostedRepository_GitDataApi_WritesRealObjects_AndRefusesWhatGitHubRefuses()
    {
        using var source = new TestRepository();
        source.WriteFile("src/A.cs", "class A {}\n");
        var baseSha = source.Commit("first");
        gitHub.HostRepository("acme", "hosted", source.Path);

        var head = await client.Git.Commit.Get("acme", "hosted", baseSha);
        var blob = await client.Git.Blob.Create("acme", "hosted", new NewBlob { Content = "class A { int x; }\n", Encoding = EncodingType.Utf8 });
        var newTree = new NewTree { BaseTree = head.Tree.Sha };
        newTree.Tree.Add(new NewTreeItem { Path = "src/A.cs", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        var tree = await client.Git.Tree.Create("acme", "hosted", newTree);
        var commit = await client.Git.Commit.Create("acme", "hosted", new NewCommit("fix", tree.Sha, baseSha));
        await client.Git.Reference.Create("acme", "hosted", new NewReference("refs/heads/triage/1-fix", commit.Sha));

        Assert.Equal("class A { int x; }\n", gitHub.FileAt("acme", "hosted", "triage/1-fix", "src/A.cs"));
        var exists = await Assert.ThrowsAsync<ApiValidationException>(() => client.Git.Reference.Create("acme", "hosted", new NewReference("refs/heads/triage/1-fix", commit.Sha)));
        Assert.Equal("Reference already exists", exists.ApiError.Errors[0].Message);
        var backwards = await Assert.ThrowsAsync<ApiValidationException>(() => client.Git.Reference.Update("acme", "hosted", "heads/triage/1-fix", new ReferenceUpdate(baseSha, force: false)));
        Assert.Equal("Update is not a fast forward", backwards.ApiError.Errors[0].Message);
        await Assert.ThrowsAsync<NotFoundException>(() => client.Git.Reference.Get("acme", "hosted", "heads/no-such-branch"));
    }

    [Fact]
    public async Task HostedRepository_PullRequests_ListByHead_FilesFromGit_AndOneOpenPerHead()
    {
        using var source = new TestRepository();
        source.WriteFile("src/A.cs", "class A {}\n");
        source.Commit("first");
        gitHub.HostRepository("acme", "hosted", source.Path);
        gitHub.CommitFile("acme", "hosted", "main", "README.md", "hello\n", "docs");
        await client.Git.Reference.Create("acme", "hosted", new NewReference("refs/heads/topic", source.HeadSha!));
        gitHub.CommitFile("acme", "hosted", "topic", "src/A.cs", "class A { }\n", "change");

        var pull = await client.PullRequest.Create("acme", "hosted", new NewPullRequest("Topic", "topic", "main") { Draft = true });
        var again = await Assert.ThrowsAsync<ApiValidationException>(() => client.PullRequest.Create("acme", "hosted", new NewPullRequest("Topic", "topic", "main")));
        var listed = await client.PullRequest.GetAllForRepository("acme", "hosted", new PullRequestRequest { Head = "acme:topic", State = ItemStateFilter.All });
        var files = await client.PullRequest.Files("acme", "hosted", pull.Number);

        Assert.Contains("already exists", again.ApiError.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal([pull.Number], listed.Select(p => p.Number));
        Assert.Equal(["src/A.cs"], files.Select(f => f.FileName));
        Assert.Empty(await client.PullRequest.GetAllForRepository("acme", "hosted", new PullRequestRequest { Head = "acme:main" }));
    }
}
