using System.Net;
using System.Text.Json.Nodes;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ChatTriageBot.Tests.Fixes.FixFlow;

namespace ChatTriageBot.Tests.Fixes;

/// <summary><c>POST /github/webhook</c>: only deliveries signed with <c>GitHub__WebhookSecret</c> count, and only for pull requests the bot opened.</summary>
public sealed class GitHubWebhookTests
{
    private static JsonObject Closed(int number, bool merged = true) => new()
    {
        ["action"] = "closed",
        ["number"] = number,
        ["pull_request"] = new JsonObject { ["number"] = number, ["merged"] = merged, ["merged_by"] = new JsonObject { ["login"] = "octocat" }, ["merged_at"] = "2026-12-01T10:00:00Z" },
        ["repository"] = new JsonObject { ["full_name"] = "acme/shop" },
        ["sender"] = new JsonObject { ["login"] = "octocat" },
    };

    [Fact]
    public async Task Delivery_WithABadSignature_IsRefused_AndRecordsNothing()
    {
        await using var app = await StartHostedAsync();

        using var wrongSecret = await PostWebhookAsync(app, Closed(1), secret: "not-the-secret");
        using var noSignature = await PostWebhookAsync(app, Closed(1), signature: string.Empty);
        using var tampered = await PostWebhookAsync(app, Closed(1), signature: "sha256=" + new string('0', 64));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        await using var db = app.Db();
        Assert.False(await db.PullRequestOutcomes.AnyAsync(Ct));
    }

    [Fact]
    public async Task SignedDeliveries_ThatAreNotAboutTheBotsPullRequests_AreAcknowledgedAndIgnored()
    {
        await using var app = await StartHostedAsync();

        using var ping = await PostWebhookAsync(app, new JsonObject { ["zen"] = "Design for failure." }, kind: "ping");
        using var push = await PostWebhookAsync(app, new JsonObject { ["ref"] = "refs/heads/main" }, kind: "push");
        using var unknown = await PostWebhookAsync(app, Closed(99));
        using var opened = await PostWebhookAsync(app, new JsonObject { ["action"] = "opened", ["number"] = 1 });
        using var malformed = await PostWebhookAsync(app, new JsonObject { ["action"] = "closed", ["pull_request"] = "nope" });

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        Assert.Contains("not a pull request the bot opened", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await using var db = app.Db();
        Assert.False(await db.PullRequestOutcomes.AnyAsync(Ct));
    }

    [Fact]
    public async Task WithoutASecret_TheRouteIsNotThere()
    {
        var app = new AppFixture();
        await app.InitializeAsync();
        await using var _ = app;

        using var response = await PostWebhookAsync(app, Closed(1));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
