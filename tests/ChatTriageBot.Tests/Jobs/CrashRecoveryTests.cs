using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Builders;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Jobs;

/// <summary>
/// A triage job survives the death of the process working on it: real bot processes, SIGKILL, a real SQLite file,
/// and the fake Slack and OpenAI servers on the far side of the network.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Channel = "C0SUPPORT";
    private const string ThreadTs = "1700000100.000100";
    private const string MentionTs = "1700000160.000200";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task TriageJob_WhenItsProcessIsKilledMidRun_RunsToCompletionExactlyOnceAfterRestart()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var slack = new FakeSlackServer();
        await using var openai = new FakeOpenAIServer();
        await slack.StartAsync(TestContext.Current.CancellationToken);
        await openai.StartAsync(TestContext.Current.CancellationToken);
        slack.AddMessage(Channel, ThreadTs, SampleShop.CustomerReport, user: "U0CUSTOMER");
        slack.AddMessage(Channel, MentionTs, $"<@{slack.BotUserId}> can you look at this?", user: "U0ENGINEER", threadTs: ThreadTs);
        // The first model call hangs until the process dies; the answer is then given to whoever asks next.
        openai.RespondSlowly(TimeSpan.FromMinutes(5));
        openai.EnqueueCompletion(SampleShop.DiagnosisJson(), promptTokens: 2000, completionTokens: 300);
        var environment = BotEnvironment(work, repo, slack, openai);

        await using (var first = AppProcess.Start(work.Path, environment))
        {
            await first.WaitForOutputAsync("Application started", Wait);
            await EnqueueTriageAsync(work);
            await openai.WaitForCompletionRequestAsync(timeout: Wait, cancellationToken: TestContext.Current.CancellationToken);
            first.Kill();
        }

        // The first process had posted the thread's one message (its progress) before it died.
        var progress = Assert.Single(slack.Calls("chat.postMessage"));
        await using var second = AppProcess.Start(work.Path, environment);
        var answer = await slack.WaitForAnswerAsync(timeout: Wait);
        var (job, triage) = await WaitForDoneAsync(work);

        Assert.Equal(ThreadTs, progress.Argument("thread_ts"));
        Assert.Equal(Channel, answer.Argument("channel"));
        Assert.Equal(triage.ReplyTs, answer.Argument("ts"));
        Assert.Contains("CartService.Total dereferences Cart.Discount", answer.Argument("text"), StringComparison.Ordinal);
        Assert.Single(slack.Calls("chat.postMessage"));
        Assert.Equal(2, openai.CompletionRequests.Count);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(TriageStatus.Completed, triage.Status);
        Assert.NotNull(triage.ReplyTs);
        Assert.Equal(repo.HeadSha, triage.Commit);
    }

    [Fact]
    public async Task TriageJob_EnqueuedWhileNoProcessRuns_IsPickedUpAtStartAndAnsweredOnce()
    {
        using var repo = SampleShop.Create();
        using var work = new TempDirectory();
        await using var slack = new FakeSlackServer();
        await slack.StartAsync(TestContext.Current.CancellationToken);
        slack.AddMessage(Channel, ThreadTs, SampleShop.CustomerReport, user: "U0CUSTOMER");
        slack.AddMessage(Channel, MentionTs, $"<@{slack.BotUserId}> please triage", user: "U0ENGINEER", threadTs: ThreadTs);
        var environment = BotEnvironment(work, repo, slack, openai: null);
        await using (var migrate = AppProcess.Start(work.Path, environment))
        {
            await migrate.WaitForOutputAsync("Application started", Wait);
            migrate.Kill();
        }

        await EnqueueTriageAsync(work);
        await EnqueueTriageAsync(work);
        await using var bot = AppProcess.Start(work.Path, environment);
        var post = await slack.WaitForAnswerAsync(timeout: Wait);
        var (job, _) = await WaitForDoneAsync(work);

        Assert.Contains("No model is configured", post.Argument("blocks"), StringComparison.Ordinal);
        Assert.Contains(SampleShop.CartServicePath, post.Argument("text"), StringComparison.Ordinal);
        Assert.Single(slack.Calls("chat.postMessage"));
        Assert.Single(slack.Calls("chat.update"), c => !c.Argument("blocks")!.Contains(":hourglass_flowing_sand:", StringComparison.Ordinal));
        Assert.Equal(1, job.Attempts);
    }

    private static Dictionary<string, string> BotEnvironment(TempDirectory work, TestRepository repo, FakeSlackServer slack, FakeOpenAIServer? openai)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Data__Directory"] = work.Combine("data"),
            ["Slack__BotToken"] = slack.BotToken!,
            ["Slack__SigningSecret"] = "test-signing-secret",
            ["Slack__ApiBaseUrl"] = slack.BaseUrl.ToString(),
            ["Repos__0__Name"] = "acme/shop",
            ["Repos__0__CloneUrl"] = repo.Path,
            ["Jobs__LeaseSeconds"] = "3",
            ["Jobs__PollSeconds"] = "1",
        };
        foreach (var (key, value) in TestDatabase.Environment(work))
        {
            environment[key] = value;
        }

        if (openai is not null)
        {
            environment["OpenAI__ApiKey"] = "sk-test";
            environment["OpenAI__Endpoint"] = openai.BaseUrl.ToString();
        }

        return environment;
    }

    private static ServiceProvider Storage(TempDirectory work)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = work.Combine("data") })
            .AddInMemoryCollection(TestDatabase.Settings(work))
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => TestOutputLoggerProvider.Install(l))
            .AddSingleton(TimeProvider.System)
            .AddStorage()
            .AddJobs()
            .AddSingleton<TriageQueue>()
            .BuildServiceProvider();
    }

    private static async Task EnqueueTriageAsync(TempDirectory work)
    {
        await using var services = Storage(work);
        await services.GetRequiredService<TriageQueue>().EnqueueAsync(
            new SlackTriageRequest("T0TEAM", Channel, ThreadTs, MentionTs, "U0ENGINEER"), TestContext.Current.CancellationToken);
    }

    private static async Task<(JobRecord Job, TriageRecord Triage)> WaitForDoneAsync(TempDirectory work)
    {
        await using var services = Storage(work);
        var databases = services.GetRequiredService<TriageDbContextFactory>();
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            await using (var db = databases.CreateDbContext())
            {
                var job = await db.Jobs.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
                var triage = await db.Triages.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
                if (job.Status is JobStatus.Succeeded or JobStatus.Failed || DateTime.UtcNow > deadline)
                {
                    return (job, triage);
                }
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
