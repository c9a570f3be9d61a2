using System.Net;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Resilience;

/// <summary>
/// The database unreachable at start or in the middle of a run: the process stays up (no crash loop), <c>/readyz</c>
/// says it is not ready, Slack gets 503 within its three seconds (so it retries), and once the database is back the bot
/// recovers by itself, without a restart: the retried delivery is answered once.
/// </summary>
public sealed class StorageOutageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DatabaseUnreachableAtStart_ServesNotReadyAnd503_ThenRecoversWithoutARestart()
    {
        using var outside = new TempDirectory("ctb-db");
        var fixture = new AppFixture().With("OpenAI:ApiKey", string.Empty);
        Func<Task> reachable;
        if (TestDatabase.IsPostgres)
        {
            // The bot's database exists but refuses connections, as a server that is not up yet does.
            var refusing = await TestDatabase.RefusingConnectionsAsync(fixture.Data);
            reachable = async () => await refusing.DisposeAsync();
        }
        else
        {
            // The database's folder cannot be made: a file stands where it should be.
            var blocker = outside.Combine("db");
            await File.WriteAllTextAsync(blocker, "not a folder", Ct);
            fixture.With("Storage:ConnectionString", $"Data Source={Path.Combine(blocker, "bot.db")}");
            reachable = () =>
            {
                File.Delete(blocker);
                return Task.CompletedTask;
            };
        }

        await using var app = await fixture.StartAsync();
        using var client = app.CreateClient();

        using (var healthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        var thread = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        var mention = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, mention, $"<@{app.Slack.BotUserId}> why?", user: SlackRequests.Engineer, threadTs: thread);
        var envelope = SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread, "why?"));
        using (var first = SlackRequests.Event(envelope, AppFixture.SigningSecret))
        {
            using var refused = await client.SendAsync(first, Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.False(refused.Headers.Contains("X-Slack-No-Retry"));
        }

        await reachable();
        await WaitReadyAsync(client);
        using (var retry = SlackRequests.Event(envelope, AppFixture.SigningSecret, retryNum: 1))
        {
            using var accepted = await client.SendAsync(retry, Ct);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await app.WaitForStatusAsync(TriageStatus.Completed);
        Assert.Single(app.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task DatabaseLockedMidRun_Answers503WithinTheDeadlineAndNotReady_ThenRecovers()
    {
        await using var app = await new AppFixture().With("OpenAI:ApiKey", string.Empty).StartAsync();
        using var client = app.CreateClient();
        await WaitReadyAsync(client);
        var database = app.Data.Combine("data", "chattriagebot.db");

        var thread = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, thread, SampleShop.CustomerReport, user: "U0CUSTOMER");
        var mention = SlackRequests.NextTs();
        app.Slack.AddMessage(SlackRequests.Channel, mention, $"<@{app.Slack.BotUserId}> why?", user: SlackRequests.Engineer, threadTs: thread);
        var envelope = SlackRequests.Envelope(SlackRequests.AppMention(app.Slack.BotUserId, mention, thread, "why?"));
        // Another connection takes the database's write lock and keeps it: nothing can be written.
        await using (await TestDatabase.WriteLockAsync(app.Data, database))
        {
            using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var first = SlackRequests.Event(envelope, AppFixture.SigningSecret);
            using var refused = await client.SendAsync(first, Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the 503 took {clock.Elapsed.TotalSeconds:0.0} s");
        }

        await WaitReadyAsync(client);
        using (var retry = SlackRequests.Event(envelope, AppFixture.SigningSecret, retryNum: 1))
        {
            using var accepted = await client.SendAsync(retry, Ct);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await app.WaitForStatusAsync(TriageStatus.Completed);
        Assert.Single(app.Slack.Calls("chat.postMessage"));
        await using var db = app.Db();
        Assert.Single(await db.Triages.AsNoTracking().ToListAsync(Ct));
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        var until = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (true)
        {
            using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct))
            {
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }

            Assert.True(TimeProvider.System.GetUtcNow() < until, "the bot did not become ready");
            await Task.Delay(200, Ct);
        }
    }
}
