using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Triage;

/// <summary>Issues and pull requests linked from a request are read through Octokit from the fake GitHub API.</summary>
public sealed class GitHubReadsTests
{
    [Fact]
    public async Task LinkedIssue_IsReadAndSteersTheRanking_AndAnUnreadableLinkBecomesANoteInTheThread()
    {
        await using var app = new AppFixture().With("OpenAI:ApiKey", string.Empty);
        await app.InitializeAsync();
        app.GitHub.AddRepository("acme", "shop");
        app.GitHub.AddIssue("acme", "shop", 7, "Shipping is charged for empty orders", "ShippingCalculator.Cost returns 4.95 when there are zero items.");
        app.GitHub.AddIssueComment("acme", "shop", 7, "Same for us since the last release.");
        using var client = app.CreateClient();
        var thread = SlackRequests.NextTs();
        var mention = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, thread,
            "Customers complain again, see https://github.com/acme/shop/issues/7 and https://github.com/acme/shop/pull/8", user: "U0CUSTOMER");
        app.Slack.AddMessage(SlackRequests.Channel, mention, $"<@{app.Slack.BotUserId}> what is going on?", user: SlackRequests.Engineer, threadTs: thread);

        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread)), AppFixture.SigningSecret);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var post = await app.Slack.WaitForAnswerAsync();

        Assert.StartsWith("Most relevant code: src/Shop/Shipping/ShippingCalculator.cs", post.Argument("text"), StringComparison.Ordinal);
        Assert.Contains("GitHub: acme/shop#8 was not found, or the token cannot see it.", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.Contains(app.GitHub.Requests, r => r.Path == "/api/v3/repos/acme/shop/issues/7" && r.Authorization == $"Token {app.GitHub.ExpectedToken}");
        Assert.Contains(app.GitHub.Requests, r => r.Path == "/api/v3/repos/acme/shop/issues/7/comments");
    }
}
