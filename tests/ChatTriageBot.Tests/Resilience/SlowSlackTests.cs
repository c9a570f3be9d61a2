using System.Diagnostics;
using System.Net;
using ChatTriageBot.Fixes;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// Nothing inside a Slack request waits on Slack: with every Web API method answering only after 5 s, and then with
/// HTTP 429 (<c>Retry-After: 5</c>), every endpoint still answers within Slack's three seconds: mentions (allowed or
/// not, with a user group to expand), clicks (allowed, refused, already asked for, a modal to open), a modal's
/// submission and slash commands. What those requests asked for still happens afterwards.
/// </summary>
public sealed class SlowSlackTests
{
    private static readonly TimeSpan SlackDeadline = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_WhileEveryWebApiMethodIsSlowAndRateLimited_AnswersWithinThreeSeconds()
    {
        await using var app = await new AppFixture()
            .With("Access:Diagnose:0", "S0SUPPORT")
            .With("Access:Diagnose:1", SlackRequests.Engineer)
            .With("Access:GenerateFix:0", SlackRequests.Engineer)
            .With("Access:GenerateFix:1", "S0FIXERS")
            .With("OpenAI:ApiKey", string.Empty)
            .StartAsync();
        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await app.WaitForStatusAsync(TriageStatus.Completed);
        var answer = await app.Slack.WaitForAnswerAsync();
        app.Slack.Slowness = TimeSpan.FromSeconds(5);
        app.Slack.RespondRateLimited(FakeHttpServer.AnyRoute, retryAfterSeconds: 5, times: 10_000);
        using var client = app.CreateClient();

        async Task<TimeSpan> TimeAsync(HttpRequestMessage request, HttpStatusCode expected = HttpStatusCode.OK)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request, Ct);
            clock.Stop();
            Assert.Equal(expected, response.StatusCode);
            request.Dispose();
            return clock.Elapsed;
        }

        var thread = SlackRequests.NextTs();
        var timings = new Dictionary<string, TimeSpan>
        {
            ["mention"] = await TimeAsync(SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, SlackRequests.NextTs(), thread)), AppFixture.SigningSecret)),
            ["mention by someone not on the list"] = await TimeAsync(SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, SlackRequests.NextTs(), thread, user: "U0STRANGER")), AppFixture.SigningSecret)),
            ["Generate fix"] = await TimeAsync(Click(FixActions.GenerateFix, answer, SlackRequests.Engineer, app)),
            ["Generate fix again"] = await TimeAsync(Click(FixActions.GenerateFix, answer, SlackRequests.Engineer, app)),
            ["Generate fix by someone not on the list"] = await TimeAsync(Click(FixActions.GenerateFix, answer, "U0STRANGER", app)),
            ["Helpful"] = await TimeAsync(Click("triage_helpful", answer, SlackRequests.Engineer, app)),
            ["Revise (a modal)"] = await TimeAsync(SlackRequests.BlockAction(FixActions.Revise, "1", AppFixture.SigningSecret, responseUrl: app.Slack.NewResponseUrl())),
            ["Revise submitted"] = await TimeAsync(SlackRequests.ViewSubmission(FixActions.ReviseModal, "1", FixActions.ReviseInputBlock, FixActions.ReviseInputAction, "use 0 when there is no discount", AppFixture.SigningSecret)),
            ["/triage help"] = await TimeAsync(SlackRequests.Command("help", AppFixture.SigningSecret)),
            ["/triage repo acme/shop"] = await TimeAsync(SlackRequests.Command("repo acme/shop", AppFixture.SigningSecret)),
        };

        Assert.All(timings, t => Assert.True(t.Value < SlackDeadline, $"{t.Key} took {t.Value.TotalSeconds:0.00} s"));
        // What the requests asked for still happens, after Slack's answers come: the refusal reaches the stranger,
        // and the fix was queued once.
        app.Slack.Slowness = TimeSpan.Zero;
        app.Slack.Reset();
        await app.Slack.WaitForCallAsync("chat.postEphemeral", c => c.Argument("user") == "U0STRANGER", TimeSpan.FromSeconds(60), Ct);
        await using var db = app.Db();
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Kind == FixJobHandler.Kind, Ct));
    }

    private static HttpRequestMessage Click(string actionId, SlackCall message, string user, AppFixture app)
    {
        var value = message.Buttons().FirstOrDefault(b => (string?)b["action_id"] == actionId)?["value"]?.GetValue<string>() ?? "1";
        return SlackRequests.BlockAction(actionId, value, AppFixture.SigningSecret, user, message.Argument("ts")!, app.Slack.NewResponseUrl());
    }
}
