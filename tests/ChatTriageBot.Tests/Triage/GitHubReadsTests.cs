using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Triage;

/// <summary>Issues and pull requests linked from a request are read through Octokit from the fake GitHub API.</summary>
public sealed class GitHubReadsTests
{
    [Fact]
    public async Task LinkedIssue_IsReadAndSteersTheRanking_AndAnUnreadableLinkBecomesANoteInTheThread()
    {
        await using var app = await new AppFixture().With("OpenAI:ApiKey", string.Empty).StartAsync();
        app.GitHub.AddRepository("acme", "shop");
        app.GitHub.AddIssue("acme", "shop", 7, "Shipping is charged for empty orders", "ShippingCalculator.Cost returns 4.95 when there are zero items.");
        app.GitHub.AddIssueComment("acme", "shop", 7, "Same for us since the last release.");

        await app.MentionAsync("Customers complain again, see https://github.com/acme/shop/issues/7 and https://github.com/acme/shop/pull/8", "what is going on?");
        var post = await app.Slack.WaitForAnswerAsync();

        Assert.StartsWith("Most relevant code: src/Shop/Shipping/ShippingCalculator.cs", post.Argument("text"), StringComparison.Ordinal);
        Assert.Contains("GitHub: acme/shop#8 was not found, or the token cannot see it.", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.Contains(app.GitHub.Requests, r => r.Path == "/api/v3/repos/acme/shop/issues/7" && r.Authorization == $"Token {app.GitHub.ExpectedToken}");
        Assert.Contains(app.GitHub.Requests, r => r.Path == "/api/v3/repos/acme/shop/issues/7/comments");
    }
}
