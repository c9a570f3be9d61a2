using System.Net;
using Microsoft.EntityFrameworkCore;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Hosting;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_WhileRunning_Answers200()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_OnceStorageIsMigrated_Answers200AndTheDatabaseExists()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.Db();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(TestDatabase.IsPostgres, !File.Exists(app.Data.Combine("data", "chattriagebot.db")));
    }

    [Fact]
    public async Task Readyz_WhenTheDatabaseIsGone_Answers503()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        await using (await TestDatabase.OutageAsync(app.Data, app.Data.Combine("data")))
        {
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        using var back = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterASlackDelivery_ExposeTheEventCounterInPrometheusFormat()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();
        var envelope = Builders.SlackRequests.Envelope(Builders.SlackRequests.Message(Builders.SlackRequests.NextTs(), "no mention here"));
        using (var request = Builders.SlackRequests.Event(envelope, AppFixture.SigningSecret))
        {
            using var delivered = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        }

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Matches("""(?m)^chattriagebot_slack_events_total\{[^}]*outcome="ignored"[^}]*\} 1$""", text);
        Assert.Contains("http_server_request_duration_seconds_count", text, StringComparison.Ordinal);
    }
}
