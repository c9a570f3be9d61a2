using ChatTriageBot.Costs;
using ChatTriageBot.Digest;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatTriageBot.Tests.Costs;

/// <summary>
/// The costs and digest services over a real SQLite file (migrated), with the clock under the test's control, and
/// helpers that seed the ledger and the rows reports read.
/// </summary>
internal sealed class LedgerServices : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("ctb-ledger");
    private long _next;

    private LedgerServices(FakeTimeProvider clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }

    /// <summary>The <c>Data__Directory</c> whose SQLite file these services use.</summary>
    public string DataDirectory => _folder.Combine("data");

    /// <summary>The environment a bot process needs to open this database (<c>Data__Directory</c>, and PostgreSQL's settings when the suite runs on it).</summary>
    public Dictionary<string, string> Environment => new(TestDatabase.Environment(_folder)) { ["Data__Directory"] = DataDirectory };

    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The services at <paramref name="now"/>; <paramref name="more"/> adds features (e.g. <c>AddCosts</c> for the model clients' ledger).</summary>
    public static async Task<LedgerServices> StartAsync(DateTimeOffset now, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? more = null)
    {
        var ledger = new LedgerServices(new FakeTimeProvider(now));
        settings ??= [];
        settings["Data:Directory"] = ledger._folder.Combine("data");
        foreach (var (key, value) in TestDatabase.Settings(ledger._folder))
        {
            settings[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(ledger.Clock);
        services.AddStorage().AddLlm().AddCostReports().AddDigestComposer();
        more?.Invoke(services);
        ledger.Services = services.BuildServiceProvider();
        await ledger.Services.GetRequiredService<StorageMigrator>().StartAsync(TestContext.Current.CancellationToken);
        return ledger;
    }

    public TriageDbContext Db() => Services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Adds ledger rows (each its own call).</summary>
    public async Task SpendAsync(DateTimeOffset at, long micros, string? user = "U1", string? channel = "C1", string model = "gpt-4.1-mini", string? repository = "acme/shop", long? triageId = null, long input = 1000, long output = 100, long cached = 0, long reasoning = 0, bool priced = true)
    {
        await using var db = Db();
        db.ModelUsage.Add(new ModelUsageRecord
        {
            ResponseId = $"chatcmpl-seed{Interlocked.Increment(ref _next)}",
            TriageId = triageId,
            Operation = UsageOperations.Diagnosis,
            Model = model,
            InputTokens = input,
            CachedInputTokens = cached,
            OutputTokens = output,
            ReasoningTokens = reasoning,
            CostMicros = micros,
            Priced = priced,
            UserId = user,
            Channel = channel,
            Repository = repository,
            CreatedAt = at,
        });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Adds a triage and returns its id.</summary>
    public async Task<long> TriageAsync(DateTimeOffset at, TriageStatus status = TriageStatus.Completed, string channel = "C1", string? threadTs = null, string? repository = "acme/shop", string? kind = null, string? severity = null, long? answerMs = null, params string[] blamed)
    {
        await using var db = Db();
        var triage = new TriageRecord
        {
            Source = "slack",
            Channel = channel,
            ThreadTs = threadTs ?? $"1700000{Interlocked.Increment(ref _next):D3}.000100",
            MentionTs = $"1700009{Interlocked.Increment(ref _next):D3}.000200",
            Repository = repository,
            Status = status,
            Kind = kind,
            Severity = severity,
            AnswerMs = answerMs,
            CreatedAt = at,
            CompletedAt = status == TriageStatus.Completed ? at : null,
        };
        db.Triages.Add(triage);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var path in blamed)
        {
            db.BlamedFiles.Add(new TriageBlamedFileRecord { TriageId = triage.Id, Path = path });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return triage.Id;
    }

    public async Task FixAsync(long triageId, DateTimeOffset at, FixStatus status = FixStatus.Ready, DateTimeOffset? opened = null, DateTimeOffset? merged = null, DateTimeOffset? closed = null, bool? touchedBlamed = null)
    {
        await using var db = Db();
        var number = (int)triageId;
        var fix = new FixRecord
        {
            TriageId = triageId,
            RequestedBy = "U1",
            Status = status,
            CreatedAt = at,
            PullRequestUrl = opened is null ? null : $"https://github.com/acme/shop/pull/{number}",
            PullRequestRepository = opened is null ? null : "acme/shop",
            PullRequestNumber = opened is null ? null : number,
            PullRequestOpenedAt = opened,
        };
        db.Fixes.Add(fix);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        if ((merged ?? closed) is { } ended)
        {
            // What the pull-request poll or the webhook records when GitHub says the pull request was merged or closed.
            db.PullRequestOutcomes.Add(new PullRequestOutcomeRecord
            {
                FixId = fix.Id,
                Repository = "acme/shop",
                Number = number,
                Outcome = merged is null ? PullRequestOutcome.Closed : PullRequestOutcome.Merged,
                By = "octocat",
                At = ended,
                Source = "poll",
                TouchedBlamedFiles = merged is null ? null : touchedBlamed,
                RecordedAt = ended,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A support request received in <paramref name="channel"/> (its ts is also the thread a triage of it answers in).</summary>
    public async Task RequestAsync(string channel, string ts, DateTimeOffset at)
    {
        await using var db = Db();
        db.SupportRequests.Add(new SupportRequestRecord { Channel = channel, Ts = ts, UserId = "U0CUSTOMER", ReceivedAt = at });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task FeedbackAsync(long triageId, string user, bool helpful, DateTimeOffset at)
    {
        await using var db = Db();
        db.Feedback.Add(new TriageFeedbackRecord { TriageId = triageId, UserId = user, Helpful = helpful, At = at });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _folder.DisposeAsync();
    }
}
