using System.Net;
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
    public async Task Readyz_OnceStorageIsMigrated_Answers200AndTheDatabaseFileExists()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(app.Data.Combine("data", "chattriagebot.db")));
    }

    [Fact]
    public async Task Readyz_WhenTheDatabaseIsGone_Answers503()
    {
        await using var app = await new AppFixture().StartAsync();
        using var client = app.CreateClient();
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // A storage outage: the folder holding the database is replaced by a file, so SQLite cannot open it.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(TempDirectory.DeleteTree(app.Data.Combine("data")), "the data folder could not be deleted");
        await File.WriteAllTextAsync(app.Data.Combine("data"), "not a folder", TestContext.Current.CancellationToken);
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
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
