using System.Net;
using ChatTriageBot.Fixes;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Fixes;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Replicas;

/// <summary>
/// Two real bot processes on one database, as two replicas behind a load balancer: Slack's deliveries and clicks reach
/// either or both, in either order or at the same instant, and every result still happens once; a replica killed in
/// the middle of a job leaves it to the other; an accept-only replica (<c>Jobs__Workers=0</c>) works nothing itself.
/// </summary>
public sealed class ReplicaTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMention_DeliveredToBothReplicas_InEitherOrderOrAtTheSameInstant_IsDiagnosedOnce()
    {
        // The three requests are alike; each is diagnosed rather than offered the one before's answer.
        await using var replicas = await BotReplicas.CreateAsync(new AppFixture().With("Triage:SimilarityThreshold", "1"));
        replicas.App.OpenAI.DefaultContent = SampleShop.DiagnosisJson();
        var a = await replicas.StartAsync("a");
        var b = await replicas.StartAsync("b");
        var first = Mention(replicas);
        var second = Mention(replicas);
        var third = Mention(replicas);

        Assert.Equal(HttpStatusCode.OK, await a.DeliverAsync(first.Envelope));
        Assert.Equal(HttpStatusCode.OK, await b.DeliverAsync(first.Envelope));
        Assert.Equal(HttpStatusCode.OK, await b.DeliverAsync(second.Envelope));
        Assert.Equal(HttpStatusCode.OK, await a.DeliverAsync(second.Envelope));
        var together = await Task.WhenAll(a.DeliverAsync(third.Envelope), b.DeliverAsync(third.Envelope));
        Assert.All(together, status => Assert.Equal(HttpStatusCode.OK, status));
        await WaitForJobsAsync(replicas, TriageJobHandler.Kind, 3);
        await Task.Delay(Settle, Ct);

        await using var db = replicas.Db();
        var triages = await db.Triages.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(3, triages.Count);
        Assert.All(triages, t => Assert.Equal(TriageStatus.Completed, t.Status));
        Assert.Equal(3, await db.Jobs.CountAsync(j => j.Kind == TriageJobHandler.Kind, Ct));
        Assert.Equal(3, replicas.App.OpenAI.CompletionRequests.Count);
        foreach (var thread in new[] { first.Thread, second.Thread, third.Thread })
        {
            Assert.Single(replicas.App.Slack.Calls("chat.postMessage"), c => c.Argument("thread_ts") == thread);
            Assert.Single(triages, t => t.ThreadTs == thread);
        }
    }

    [Fact]
    public async Task GenerateFix_AndOpenPR_ClickedOnBothReplicasAtOnce_MakeOneFixAndOneDraftPullRequest()
    {
        await using var replicas = await BotReplicas.CreateAsync(new AppFixture { HostedOnGitHub = true }
            .With("Access:GenerateFix:0", SlackRequests.Engineer)
            .With("Access:OpenPullRequest:0", SlackRequests.Engineer)
            .With("Fixes:PullRequestPollMinutes", "0"));
        var app = replicas.App;
        var a = await replicas.StartAsync("a");
        var b = await replicas.StartAsync("b");
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        var mention = Mention(replicas);
        Assert.Equal(HttpStatusCode.OK, await a.DeliverAsync(mention.Envelope));
        var answer = await app.Slack.WaitForAnswerAsync();
        await WaitForJobsAsync(replicas, TriageJobHandler.Kind, 1);

        app.OpenAI.EnqueueCompletion(FixFlow.FixJson, promptTokens: 1800, completionTokens: 250);
        await ClickOnBothAsync(replicas, a, b, answer, FixActions.GenerateFix);
        var fix = await app.Slack.WaitForAnswerAsync(c => c.Shown().Contains("Proposed fix", StringComparison.Ordinal));
        await WaitForJobsAsync(replicas, FixJobHandler.Kind, 1);
        await ClickOnBothAsync(replicas, a, b, fix, FixActions.OpenPullRequest);
        await WaitForJobsAsync(replicas, OpenPullRequestJobHandler.Kind, 1);
        await Task.Delay(Settle, Ct);

        await using var db = replicas.Db();
        var stored = await db.Fixes.AsNoTracking().SingleAsync(Ct);
        var pull = Assert.Single(app.GitHub.PullRequests(FixFlow.Owner, FixFlow.Repo));
        Assert.True(pull["draft"]!.GetValue<bool>());
        Assert.Equal((FixStatus.Published, pull["number"]!.GetValue<int>()), (stored.Status, stored.PullRequestNumber));
        Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == FixJobHandler.Kind).ToListAsync(Ct));
        Assert.Single(await db.Jobs.AsNoTracking().Where(j => j.Kind == OpenPullRequestJobHandler.Kind).ToListAsync(Ct));
        Assert.Equal(2, app.OpenAI.CompletionRequests.Count);
        Assert.Single(app.Slack.Calls("chat.update").Where(c => FixFlow.ShownText(c).Contains("Proposed fix", StringComparison.Ordinal)).Select(c => c.Argument("ts")).Distinct());
    }

    [Fact]
    public async Task AReplicaKilledInTheMiddleOfATriage_LeavesItToTheOther_WhichAnswersOnce()
    {
        await using var replicas = await BotReplicas.CreateAsync(new AppFixture().With("Jobs:LeaseSeconds", "3"));
        var app = replicas.App;
        // The first model call hangs until its replica dies; the answer goes to whoever asks next.
        app.OpenAI.RespondSlowly(TimeSpan.FromMinutes(5));
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson());
        var a = await replicas.StartAsync("a");
        var mention = Mention(replicas);
        Assert.Equal(HttpStatusCode.OK, await a.DeliverAsync(mention.Envelope));
        await app.OpenAI.WaitForCompletionRequestAsync(timeout: TriageAnswers.Wait, cancellationToken: Ct);
        await replicas.StartAsync("b");

        a.Kill();
        var answer = await app.Slack.WaitForAnswerAsync();
        await WaitForJobsAsync(replicas, TriageJobHandler.Kind, 1);
        await Task.Delay(Settle, Ct);

        Assert.Contains("CartService.Total dereferences Cart.Discount", answer.Argument("text"), StringComparison.Ordinal);
        Assert.Single(app.Slack.Calls("chat.postMessage"), c => c.Argument("thread_ts") == mention.Thread);
        Assert.Equal(2, app.OpenAI.CompletionRequests.Count);
        await using var db = replicas.Db();
        var job = await db.Jobs.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((JobStatus.Succeeded, 2), (job.Status, job.Attempts));
        Assert.Equal(answer.Argument("ts"), (await db.Triages.AsNoTracking().SingleAsync(Ct)).ReplyTs);
    }

    [Fact]
    public async Task AnAcceptOnlyReplica_QueuesTheMention_AndAReplicaWithWorkersAnswersIt()
    {
        await using var replicas = await BotReplicas.CreateAsync(new AppFixture());
        var app = replicas.App;
        app.OpenAI.DefaultContent = SampleShop.DiagnosisJson();
        var acceptOnly = await replicas.StartAsync("accept-only", ("Jobs__Workers", "0"));
        var mention = Mention(replicas);

        Assert.Equal(HttpStatusCode.OK, await acceptOnly.DeliverAsync(mention.Envelope));
        await Task.Delay(Settle, Ct);
        await using (var db = replicas.Db())
        {
            Assert.Equal(JobStatus.Pending, (await db.Jobs.AsNoTracking().SingleAsync(Ct)).Status);
        }

        Assert.Empty(app.OpenAI.CompletionRequests);
        await replicas.StartAsync("worker");
        await app.Slack.WaitForAnswerAsync();
        await WaitForJobsAsync(replicas, TriageJobHandler.Kind, 1);

        Assert.Single(app.Slack.Calls("chat.postMessage"), c => c.Argument("thread_ts") == mention.Thread);
        Assert.Single(app.OpenAI.CompletionRequests);
    }

    /// <summary>A customer's message, and an engineer's mention of the bot in its thread as Slack would deliver it.</summary>
    private static (string Thread, System.Text.Json.Nodes.JsonObject Envelope) Mention(BotReplicas replicas)
    {
        var slack = replicas.App.Slack;
        var thread = SlackRequests.NextTs();
        var mention = SlackRequests.NextTs();
        slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        slack.AddMessage(SlackRequests.Channel, mention, $"<@{slack.BotUserId}> why?", user: SlackRequests.Engineer, threadTs: thread);
        return (thread, SlackRequests.Envelope(SlackRequests.AppMention(slack.BotUserId, mention, thread, "why?")));
    }

    /// <summary>The same click of a button of <paramref name="message"/>, delivered to both replicas at the same instant.</summary>
    private static async Task ClickOnBothAsync(BotReplicas replicas, BotReplicas.Replica a, BotReplicas.Replica b, SlackCall message, string actionId)
    {
        var value = message.Buttons().First(button => (string?)button["action_id"] == actionId)["value"]!.GetValue<string>();
        var responseUrl = replicas.App.Slack.NewResponseUrl();
        HttpRequestMessage Click() => SlackRequests.BlockAction(actionId, value, AppFixture.SigningSecret, messageTs: message.Argument("ts")!, responseUrl: responseUrl);
        var statuses = await Task.WhenAll(a.SendAsync(Click()), b.SendAsync(Click()));
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>Waits until at least <paramref name="atLeast"/> jobs of <paramref name="kind"/> exist and all have finished.</summary>
    private static async Task WaitForJobsAsync(BotReplicas replicas, string kind, int atLeast)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait + TriageAnswers.Wait;
        while (true)
        {
            await using (var db = replicas.Db())
            {
                var jobs = await db.Jobs.AsNoTracking().Where(j => j.Kind == kind).Select(j => j.Status).ToListAsync(Ct);
                if (jobs.Count >= atLeast && jobs.All(s => s is JobStatus.Succeeded or JobStatus.Failed))
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < until, $"jobs of kind {kind} did not finish: {string.Join(", ", jobs)}");
            }

            await Task.Delay(100, Ct);
        }
    }
}
