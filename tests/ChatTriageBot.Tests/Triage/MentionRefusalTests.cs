using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Triage;

/// <summary>
/// Mentions that cannot become a diagnosis are answered once, from the job, never inside Slack's request: someone not on
/// the list is told only to them, and a validly signed mention of a message that does not exist gets one clear answer in
/// the thread and is not retried.
/// </summary>
public sealed class MentionRefusalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MentionOfAMessageThatDoesNotExist_IsAnsweredOnceWithAClearFailure_AndNotRetried()
    {
        await using var app = await new AppFixture().With("Jobs:RetryBaseSeconds", "1").StartAsync();
        using var client = app.CreateClient();
        var thread = SlackRequests.NextTs();
        var mention = SlackRequests.NextTs();
        using (var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread, "why?")), AppFixture.SigningSecret))
        {
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        var answer = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains(TriageJobHandler.MessageGone, StringComparison.Ordinal));
        await app.WaitForStatusAsync(TriageStatus.Failed);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        Assert.Empty(answer.Buttons());
        Assert.Single(app.Slack.Calls("chat.postMessage"));
        Assert.Empty(app.OpenAI.CompletionRequests);
        await using var db = app.Db();
        var job = await db.Jobs.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((JobStatus.Succeeded, 1), (job.Status, job.Attempts));
    }

    [Fact]
    public async Task MentionBySomeoneNotOnTheList_IsRefusedOnlyToThemFromTheJob_AndRecordsNoTriage()
    {
        await using var app = await new AppFixture().With("Access:Diagnose:0", "U0SOMEONEELSE").StartAsync();
        using var client = app.CreateClient();
        var thread = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        var mention = SlackRequests.NextTs();
        using var request = SlackRequests.Event(SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread, "why?")), AppFixture.SigningSecret);
        // Slack is slow: the refusal must not be said inside Slack's request.
        app.Slack.Slowness = TimeSpan.FromSeconds(4);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var response = await client.SendAsync(request, Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the acknowledgement took {clock.Elapsed.TotalSeconds:0.0} s");
        var refusal = await app.Slack.WaitForCallAsync("chat.postEphemeral", timeout: TimeSpan.FromSeconds(30), cancellationToken: Ct);

        Assert.Equal(SlackRequests.Engineer, refusal.Argument("user"));
        Assert.Equal(TriageJobHandler.NotAllowed, refusal.Argument("text"));
        Assert.Empty(app.Slack.Calls("chat.postMessage"));
        await using var db = app.Db();
        Assert.Empty(await db.Triages.AsNoTracking().ToListAsync(Ct));
    }
}
