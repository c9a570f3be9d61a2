using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Hosting;

/// <summary>
/// <c>GET /metrics</c> after a real triage: every feature's instruments in Prometheus text format: triages by outcome,
/// stage durations, jobs finished and resumed, the queue's depth and age, Slack Web API calls and their results, model
/// calls and tokens by model, ASP.NET Core's request durations.
/// </summary>
public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_AfterATriage_ShowTheTriageTheJobsSlackAndTheModelInPrometheusFormat()
    {
        await using var app = await new AppFixture().StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2000, completionTokens: 300);
        app.Slack.RespondRateLimited("reactions.add", retryAfterSeconds: 0);
        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await app.WaitForStatusAsync(TriageStatus.Completed);
        // The queue's gauges are read from the table every few seconds.
        await Task.Delay(TimeSpan.FromSeconds(6), Ct);
        using var client = app.CreateClient();

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        // The exporter listens to every meter of its name in the process, so the counts include the work of tests
        // running beside this one: at least one each.

        Assert.Matches("""(?m)^chattriagebot_triages_total\{[^}]*outcome="completed"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_triage_stage_duration_seconds_count\{[^}]*stage="model"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_triage_stage_duration_seconds_count\{[^}]*stage="prepare"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_jobs_finished_total\{[^}]*kind="triage.slack"[^}]*outcome="succeeded"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_jobs_oldest_pending_age_seconds\{[^}]*\} 0$""", text);
        Assert.Matches("""(?m)^chattriagebot_slack_api_calls_total\{[^}]*method="chat.postMessage"[^}]*result="ok"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_slack_api_calls_total\{[^}]*method="reactions.add"[^}]*result="ratelimited"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^chattriagebot_model_calls_total\{[^}]*model="gpt-4.1-mini"[^}]*result="ok"[^}]*\} [1-9][0-9]*$""", text);
        Assert.Matches("""(?m)^gen_ai_client_token_usage_[a-z_]*count\{[^}]*\} """, text);
        // The tokens the fake model reported for this triage's call, by kind, and its cost at the price table's price.
        Assert.True(Sample(text, "chattriagebot_model_tokens_total", "kind=\"input\"") >= 2000, text);
        Assert.True(Sample(text, "chattriagebot_model_tokens_total", "kind=\"output\"") >= 300, text);
        Assert.True(Sample(text, "chattriagebot_model_cost_USD_total", null) > 0, text);
        Assert.Contains("http_server_request_duration_seconds_count", text, StringComparison.Ordinal);
    }

    /// <summary>The value of the sample of <paramref name="name"/> for the model gpt-4.1-mini (and <paramref name="label"/>), or -1 when there is none.</summary>
    private static double Sample(string text, string name, string? label)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal)
            && l.Contains("model=\"gpt-4.1-mini\"", StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal)));
        return line is null ? -1 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
