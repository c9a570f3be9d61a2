using System.Net;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// The three Slack endpoints under bad input, validly signed, from a fixed seed (<see cref="SlackFuzzCases"/>): no
/// answer is a 5xx, the app stays healthy and ready, and a real mention afterwards is answered once. The 100,000-case
/// run is the benchmark project's <c>fuzz</c>.
/// </summary>
public sealed class SlackFuzzTests
{
    private const int Seed = 20261207;
    private const int Cases = 1200;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedBadInput_OnEveryEndpoint_NeverGets5xx_AndTheBotStaysHealthyAndStillAnswersAMentionOnce()
    {
        await using var app = await new AppFixture().With("OpenAI:ApiKey", string.Empty).StartAsync();
        using var client = app.CreateClient();
        var statuses = new Dictionary<(string Kind, int Status), int>();
        foreach (var fuzz in SlackFuzzCases.Generate(Seed, Cases))
        {
            using var request = fuzz.Signed(client.BaseAddress!, AppFixture.SigningSecret, TimeProvider.System.GetUtcNow());
            using var response = await client.SendAsync(request, Ct);
            var key = (fuzz.Kind, (int)response.StatusCode);
            statuses[key] = statuses.GetValueOrDefault(key) + 1;
            Assert.True((int)response.StatusCode < 500, $"{fuzz.Kind} case to {fuzz.Path} got {(int)response.StatusCode}");
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', statuses.OrderBy(s => s.Key).Select(s => $"{s.Key.Kind} {s.Key.Status}: {s.Value}")));
        Assert.Contains(statuses.Keys, k => k.Status == 400);
        Assert.Contains(statuses.Keys, k => k.Status == 413);
        Assert.Contains(statuses.Keys, k => k.Status == 415);
        using (var healthy = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var (thread, _) = await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await app.Slack.WaitForAnswerAsync(c => c.Argument("channel") == SlackRequests.Channel && c.Shown().Contains("No model is configured", StringComparison.Ordinal));
        await using var db = app.Db();
        var triage = await db.Triages.AsNoTracking().SingleAsync(t => t.Channel == SlackRequests.Channel, Ct);
        Assert.Equal(thread, triage.ThreadTs);
        Assert.Single(app.Slack.Calls("chat.postMessage"), c => c.Argument("channel") == SlackRequests.Channel);
    }
}
