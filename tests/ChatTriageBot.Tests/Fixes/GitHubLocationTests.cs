using ChatTriageBot.CodeContext;
using ChatTriageBot.Fixes;

namespace ChatTriageBot.Tests.Fixes;

public sealed class GitHubLocationTests
{
    private static readonly GitHubOptions GitHubCom = new();
    private static readonly GitHubOptions Enterprise = new() { ApiBaseUrl = new Uri("https://ghe.example.com/api/v3/") };

    [Theory]
    [InlineData("https://github.com/acme/shop.git", "acme/shop")]
    [InlineData("https://github.com/acme/shop", "acme/shop")]
    [InlineData("git@github.com:acme/shop.git", "acme/shop")]
    [InlineData("ssh://git@github.com/acme/shop.git", "acme/shop")]
    [InlineData("https://gitlab.com/acme/shop.git", null)]
    [InlineData("/srv/repos/shop", null)]
    [InlineData("file:///srv/repos/shop.git", null)]
    public void OnGitHubCom_OnlyGitHubCloneUrlsCount(string cloneUrl, string? expected) =>
        Assert.Equal(expected, GitHubLocation.Find(new RepositoryOptions { Name = "acme/shop", CloneUrl = cloneUrl }, GitHubCom));

    [Theory]
    [InlineData("https://ghe.example.com/acme/shop.git", "acme/shop")]
    [InlineData("git@ghe.example.com:acme/shop.git", "acme/shop")]
    [InlineData("https://ghe.example.com:8443/acme/shop.git", null)]
    [InlineData("https://github.com/acme/shop.git", null)]
    public void OnEnterprise_TheApiHostIsTheGitHost(string cloneUrl, string? expected) =>
        Assert.Equal(expected, GitHubLocation.Find(new RepositoryOptions { Name = "acme/shop", CloneUrl = cloneUrl }, Enterprise));
}
