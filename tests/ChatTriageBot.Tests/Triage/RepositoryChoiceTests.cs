using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Triage;

/// <summary>Which repository a request is about, with two repositories configured, through the real app.</summary>
public sealed class RepositoryChoiceTests : IAsyncLifetime
{
    private readonly TestRepository _other = new();
    private AppFixture _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _other.WriteFile("src/Billing/InvoiceExporter.cs", "namespace Billing;\n\npublic sealed class InvoiceExporter\n{\n    public string Export() => \"pdf\";\n}\n");
        _other.Commit("billing");
        _app = await new AppFixture()
            .With("OpenAI:ApiKey", string.Empty)
            .With("Repos:1:Name", "acme/billing")
            .With("Repos:1:CloneUrl", _other.Path)
            .With("Repos:1:Channels:0", "C0BILLING")
            .StartAsync();
        _client = _app.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public async Task Choose_FollowsThePrecedence_ExplicitThenLinkThenChannelDefaultThenOnlyOne()
    {
        var registry = _app.Services.GetRequiredService<RepositoryRegistry>();
        var none = CodeReferenceExtractor.Extract("checkout fails");
        var link = CodeReferenceExtractor.Extract("see https://github.com/acme/billing/blob/main/src/Billing/InvoiceExporter.cs#L3");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal("acme/shop", (await registry.ChooseAsync("acme/shop", link, "C0BILLING", ct)).Chosen?.Name);
        Assert.Equal("acme/billing", (await registry.ChooseAsync(null, link, "C0OTHER", ct)).Chosen?.Name);
        Assert.Equal("acme/billing", (await registry.ChooseAsync(null, none, "C0BILLING", ct)).Chosen?.Name);
        var ambiguous = await registry.ChooseAsync(null, none, "C0OTHER", ct);
        Assert.Null(ambiguous.Chosen);
        Assert.Equal(["acme/shop", "acme/billing"], ambiguous.Candidates.Select(c => c.Name));
        var unknown = await registry.ChooseAsync("acme/nope", none, "C0OTHER", ct);
        Assert.Null(unknown.Chosen);
        Assert.Contains("acme/nope is not one of the configured repositories", unknown.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommandRepo_SetsTheChannelDefault_WhichThenWinsOverTheConfiguredOne()
    {
        using (var set = SlackRequests.Command("repo acme/shop", AppFixture.SigningSecret))
        {
            using var response = await _client.SendAsync(set, TestContext.Current.CancellationToken);
            Assert.Contains("`acme/shop` is now this channel's default", await TextAsync(response), StringComparison.Ordinal);
        }

        using (var show = SlackRequests.Command("repo", AppFixture.SigningSecret))
        {
            using var response = await _client.SendAsync(show, TestContext.Current.CancellationToken);
            Assert.Contains("This channel's default repository is `acme/shop`", await TextAsync(response), StringComparison.Ordinal);
        }

        using var unknown = SlackRequests.Command("repo acme/nope", AppFixture.SigningSecret);
        using var refused = await _client.SendAsync(unknown, TestContext.Current.CancellationToken);
        Assert.Contains("`acme/nope` is not a configured repository", await TextAsync(refused), StringComparison.Ordinal);
        var registry = _app.Services.GetRequiredService<RepositoryRegistry>();
        Assert.Equal("acme/shop", (await registry.ChannelDefaultAsync(SlackRequests.Channel, TestContext.Current.CancellationToken))?.Name);
    }

    [Fact]
    public async Task AmbiguousRequest_AsksWithAButtonPerRepository_AndAClickTriagesInTheChosenOne()
    {
        var (thread, _) = await _app.MentionAsync("Exporting an invoice gives an empty file, InvoiceExporter.Export looks wrong", "please look");

        var ask = await _app.Slack.WaitForAnswerAsync();
        var buttons = ask.Buttons();
        Assert.Equal(["acme/shop", "acme/billing"], buttons.Select(b => (string?)b["text"]!["text"]));
        Assert.Equal(thread, Assert.Single(_app.Slack.Calls("chat.postMessage")).Argument("thread_ts"));

        await _app.ClickAsync(ask, (string)buttons[1]["action_id"]!);

        var answer = await _app.Slack.WaitForAnswerAsync(c => c.Request.Sequence > ask.Request.Sequence);
        Assert.Contains("src/Billing/InvoiceExporter.cs", answer.Argument("text"), StringComparison.Ordinal);
        await using var db = _app.Db();
        var triage = await db.Triages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("acme/billing", triage.Repository);

        // A second click (someone else, later) changes nothing.
        await _app.ClickAsync(ask, (string)buttons[0]["action_id"]!, user: "U0OTHERENG");
        await using var after = _app.Db();
        Assert.Equal("acme/billing", (await after.Triages.SingleAsync(TestContext.Current.CancellationToken)).Repository);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
