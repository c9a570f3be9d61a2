using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatTriageBot.Costs;
using ChatTriageBot.Jobs;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Costs;

/// <summary>
/// After real triages through the app (the OpenAI SDK against the fake model), <c>/triage cost</c> in Slack and the
/// <c>cost</c> verb in a terminal show the tokens the model reported and what they cost; and the ledger keeps a call
/// whose job then fails.
/// </summary>
public sealed class CostCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterAFewTriages_SlashCostAndTheCostVerb_ShowTheTokensTheModelReportedAndTheirPrice()
    {
        await using var app = await new AppFixture().With("Triage:SimilarityThreshold", "1").StartAsync();
        (int In, int Cached, int Out)[] calls = [(2400, 1024, 380), (1800, 0, 200), (3000, 512, 500)];
        for (var i = 0; i < calls.Length; i++)
        {
            app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: calls[i].In, completionTokens: calls[i].Out, cachedTokens: calls[i].Cached);
            await app.MentionAsync(SampleShop.CustomerReport, "why?");
            await WaitForCompletedAsync(app, i + 1);
        }

        var prices = app.Services.GetRequiredService<PriceTable>();
        var micros = calls.Sum(c => Money.ToMicros(prices.Cost(new ModelUsage("gpt-4.1-mini", c.In, c.Cached, c.Out, 0))!.Value));

        var reply = await CommandAsync(app, "cost 7d");
        var shown = reply["text"]!.GetValue<string>() + Relaxed(reply["blocks"]!);
        Assert.Equal("ephemeral", reply["response_type"]!.GetValue<string>());
        Assert.Contains($"Model spend, the last 7 days: {Money.Usd(micros)}", shown, StringComparison.Ordinal);
        Assert.Contains("7,200 in (1,536 cached), 1,080 out (0 reasoning)", shown, StringComparison.Ordinal);
        Assert.Contains("3 triage(s), 0 fix(es)", shown, StringComparison.Ordinal);

        var (exitCode, stdout, stderr) = await AppProcess.RunAsync(app.Data.Path, Environment(app), Timeout, "cost", "--since", "7d", "--json");
        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(
            (3, 7200, 1536, 1080, micros),
            (total.GetProperty("calls").GetInt32(), total.GetProperty("input_tokens").GetInt32(), total.GetProperty("cached_input_tokens").GetInt32(),
                total.GetProperty("output_tokens").GetInt32(), total.GetProperty("cost_micros").GetInt64()));
        Assert.Equal(3, json.RootElement.GetProperty("triages").GetInt32());

        (exitCode, stdout, stderr) = await AppProcess.RunAsync(app.Data.Path, Environment(app), Timeout, "cost", "--since", "7d", "--by", "user");
        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith($"Model spend, the last 7 days: {Money.Usd(micros)}", stdout, StringComparison.Ordinal);
        Assert.Contains("7,200 in (1,536 cached), 1,080 out (0 reasoning)", stdout, StringComparison.Ordinal);
        Assert.Contains($"  {SlackRequests.Engineer}  ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModelCallWhoseJobThenFails_IsInTheLedger()
    {
        await using var app = await new AppFixture().With("Jobs:MaxAttempts", "1").StartAsync();
        app.OpenAI.RespondSlowly(TimeSpan.FromSeconds(1));
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2400, completionTokens: 380);

        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await app.OpenAI.WaitForCompletionRequestAsync(timeout: TriageAnswers.Wait, cancellationToken: Ct);
        // Slack fails the answer's update: the job dies after the model answered, and is not tried again.
        app.Slack.RespondWithError("chat.update", "channel_not_found", times: 10);
        var job = await WaitForJobAsync(app, JobStatus.Failed);

        await using var db = app.Db();
        var triage = await db.Triages.AsNoTracking().SingleAsync(Ct);
        var call = await db.ModelUsage.AsNoTracking().SingleAsync(Ct);
        Assert.Contains("channel_not_found", job.LastError, StringComparison.Ordinal);
        Assert.Equal((triage.Id, 2400L, 380L, UsageOperations.Diagnosis), (call.TriageId!.Value, call.InputTokens, call.OutputTokens, call.Operation));
        Assert.StartsWith("chatcmpl-", call.ResponseId, StringComparison.Ordinal);
        Assert.True(call.CostMicros > 0);
    }

    [Fact]
    public async Task Help_ListsEverySubcommandWithAnExample_AndAnythingElseGetsTheHelp()
    {
        await using var app = await new AppFixture().StartAsync();

        var help = (await CommandAsync(app, "help"))["text"]!.GetValue<string>();
        var unknown = (await CommandAsync(app, "frobnicate 7d"))["text"]!.GetValue<string>();
        var malformed = (await CommandAsync(app, "cost 7x"))["text"]!.GetValue<string>();

        foreach (var subcommand in new[] { "cost", "budget", "repo", "auto", "status", "help" })
        {
            Assert.Contains($"`/triage {subcommand}", help, StringComparison.Ordinal);
        }

        Assert.Contains("e.g. `/triage cost 7d by user`", help, StringComparison.Ordinal);
        Assert.Contains("e.g. `/triage auto on`", help, StringComparison.Ordinal);
        Assert.Contains("mention me", help, StringComparison.Ordinal);
        Assert.StartsWith("I did not understand `frobnicate 7d`", unknown, StringComparison.Ordinal);
        Assert.Contains("`/triage budget`", unknown, StringComparison.Ordinal);
        Assert.Contains("`7x` is not a period", malformed, StringComparison.Ordinal);
        Assert.Contains("Usage: `/triage cost [today|7d|30d|month|YYYY-MM-DD..YYYY-MM-DD] [by user|channel|model|repo|outcome]`", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_ShowsEachCapThatApplies_SpentLeftAndWhenItResets()
    {
        await using var app = await new AppFixture().With("Costs:DailyCap", "5").With("Costs:UserMonthlyCap", "2.50").With("Costs:TimeZone", "Europe/Berlin").StartAsync();
        await using (var db = app.Db())
        {
            db.ModelUsage.Add(new ModelUsageRecord
            {
                ResponseId = "chatcmpl-seeded", Operation = UsageOperations.Diagnosis, Model = "gpt-4.1-mini", CostMicros = 1_250_000, Priced = true,
                UserId = SlackRequests.Engineer, Channel = SlackRequests.Channel, CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        var shown = Relaxed((await CommandAsync(app, "budget"))["blocks"]!);

        Assert.Contains("The team's daily cap: $1.25 of $5.00 (25%), $3.75 left; resets", shown, StringComparison.Ordinal);
        Assert.Contains("Your monthly cap: $1.25 of $2.50 (50%), $1.25 left; resets", shown, StringComparison.Ordinal);
        Assert.Contains("(Europe/Berlin)", shown, StringComparison.Ordinal);
        Assert.Contains("Above 80% of a cap, a call waits for someone to click Approve.", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AnswersFromWhatIsRecorded_WithoutCallingSlackOrTheModel()
    {
        await using var app = await new AppFixture().With("Triage:SimilarityThreshold", "1").StartAsync();
        app.OpenAI.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 100, completionTokens: 10);
        await app.MentionAsync(SampleShop.CustomerReport, "why?");
        await WaitForCompletedAsync(app, 1);
        var slackCalls = app.Slack.AllCalls().Count;
        var modelCalls = app.OpenAI.CompletionRequests.Count;

        var shown = Relaxed((await CommandAsync(app, "status"))["blocks"]!);

        Assert.Contains($"`acme/shop`: local repository at `{app.Repository.HeadSha![..10]}`", shown, StringComparison.Ordinal);
        Assert.Contains("`gpt-4.1-mini`: reachable, the last call answered", shown, StringComparison.Ordinal);
        Assert.Contains("0 queued or running", shown, StringComparison.Ordinal);
        Assert.Contains("0 failed in the last 24 hours", shown, StringComparison.Ordinal);
        Assert.Contains("HTTP mode", shown, StringComparison.Ordinal);
        Assert.Equal(slackCalls, app.Slack.AllCalls().Count);
        Assert.Equal(modelCalls, app.OpenAI.CompletionRequests.Count);
    }

    /// <summary>Sends <c>/triage {text}</c> as Slack does and returns the HTTP response's JSON (the ephemeral reply).</summary>
    internal static async Task<JsonObject> CommandAsync(AppFixture app, string text, string user = SlackRequests.Engineer)
    {
        using var client = app.CreateClient();
        using var request = SlackRequests.Command(text, AppFixture.SigningSecret, user);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
    }

    internal static string Relaxed(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static Dictionary<string, string> Environment(AppFixture app) => new(TestDatabase.Environment(app.Data)) { ["Data__Directory"] = app.Data.Combine("data") };

    private static async Task WaitForCompletedAsync(AppFixture app, int count)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using var db = app.Db();
            if (await db.Triages.CountAsync(t => t.Status == TriageStatus.Completed, Ct) >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"fewer than {count} triages completed");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task<JobRecord> WaitForJobAsync(AppFixture app, JobStatus status)
    {
        var until = DateTime.UtcNow + TriageAnswers.Wait;
        while (true)
        {
            await using var db = app.Db();
            if (await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Status == status, Ct) is { } job)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < until, $"no job reached {status}");
            await Task.Delay(50, Ct);
        }
    }
}
