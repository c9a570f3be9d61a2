using ChatTriageBot.Hosting;
using ChatTriageBot.Jobs;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using ChatTriageBot.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatTriageBot.Tests.Storage;

/// <summary>Group commit on a real SQLite file: many concurrent callers, one writer, every request answered correctly.</summary>
public sealed class StorageWriterTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("ctb-writer");
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _services = await StartAsync(_folder);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _folder.DisposeAsync();
    }

    [Fact]
    public async Task ConcurrentClaims_SharingKeys_AreGrantedOnce_AndRefusedClaimsLeaveNoKeys()
    {
        var ledger = _services.GetRequiredService<SlackDeliveryLedger>();

        // 100 mentions, each delivered twice at once (as app_mention and as message: other event ids, same channel + ts).
        var claims = Enumerable.Range(0, 100)
            .SelectMany(n => new[] { (IReadOnlyList<string>)[$"event:A{n}", $"message:C1:{n}"], [$"event:B{n}", $"message:C1:{n}"] })
            .ToList();
        var granted = await Task.WhenAll(claims.Select(c => Task.Run(() => ledger.TryClaimAsync(c, Ct), Ct)));

        Assert.Equal(100, granted.Count(g => g));
        for (var n = 0; n < 100; n++)
        {
            Assert.True(granted[2 * n] ^ granted[(2 * n) + 1], $"mention {n} must be granted exactly once");
        }

        await using var db = Db();
        var stored = await db.SlackDeliveries.Select(d => d.Key).ToListAsync(Ct);
        Assert.Equal(200, stored.Count);
        Assert.Equal(100, stored.Count(k => k.StartsWith("message:", StringComparison.Ordinal)));
        Assert.Equal(claims.Where((_, i) => granted[i]).SelectMany(c => c).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Claims_AreRefusedAfterARestart_AndAReleasedClaimCanBeMadeAgain()
    {
        var ledger = _services.GetRequiredService<SlackDeliveryLedger>();
        Assert.True(await ledger.TryClaimAsync(["event:E1", "message:C1:1.1"], Ct));
        Assert.True(await ledger.TryClaimAsync(["event:E2"], Ct));
        await _services.DisposeAsync();

        _services = await StartAsync(_folder);
        ledger = _services.GetRequiredService<SlackDeliveryLedger>();
        Assert.False(await ledger.TryClaimAsync(["event:E9", "message:C1:1.1"], Ct));
        Assert.False(await ledger.TryClaimAsync(["event:E1"], Ct));
        await ledger.ReleaseAsync(["event:E2"], Ct);
        Assert.True(await ledger.TryClaimAsync(["event:E2"], Ct));
    }

    [Fact]
    public async Task ConcurrentEnqueues_OfTheSameMentions_QueueOneJobEach_WhoseRunsRecordOneTriageEach()
    {
        var queue = _services.GetRequiredService<TriageQueue>();
        var requests = Enumerable.Range(0, 100).Select(i => new SlackTriageRequest("T1", "C1", $"17000000{i % 20:D2}.000100", $"17000000{i % 20:D2}.000200", "U1")).ToList();

        var queued = await Task.WhenAll(requests.Select(r => Task.Run(() => queue.EnqueueAsync(r, Ct), Ct)));

        Assert.Equal(20, queued.Count(q => q));
        await using var db = Db();
        var jobs = await db.Jobs.Where(j => j.Kind == TriageJobHandler.Kind).ToListAsync(Ct);
        Assert.Equal(20, jobs.Count);
        Assert.Equal(0, await db.Triages.CountAsync(Ct));

        // Each job carries its mention; its first run records the triage, and a re-run (after a crash) finds the same one.
        var payloads = jobs.Select(j => System.Text.Json.JsonSerializer.Deserialize(j.Payload, TriageJsonContext.Default.TriageJob)!).ToList();
        Assert.Equal(requests.Select(r => r.MentionTs).Distinct().Order(), payloads.Select(p => p.Request!.MentionTs).Order());
        var first = new List<long>();
        var again = new List<long>();
        foreach (var payload in payloads)
        {
            first.Add(await queue.RecordAsync(db, payload.Request!, Ct));
            again.Add(await queue.RecordAsync(db, payload.Request!, Ct));
        }

        Assert.Equal(first, again);
        var triages = await db.Triages.ToListAsync(Ct);
        Assert.Equal(20, triages.Count);
        Assert.Equal(triages.Select(t => t.Id).Order(), first.Order());
        Assert.All(triages, t => Assert.Equal(("C1", "U1", "T1"), (t.Channel, t.RequestedBy, t.TeamId)));
    }

    [Fact]
    public async Task AMention_IsQueuedAsOneRow_ThatRefusesItsDuplicates_AndAFailedWriteQueuesNothing()
    {
        var queue = _services.GetRequiredService<TriageQueue>();
        var mention = new SlackTriageRequest("T1", "C1", "1700000000.000100", "1700000000.000200", "U1");

        Assert.True(await queue.EnqueueAsync(mention, Ct));
        Assert.False(await queue.EnqueueAsync(mention with { UserId = "U2" }, Ct));
        await using (var db = Db())
        {
            Assert.Equal(["triage:C1:1700000000.000200"], await db.Jobs.Select(j => j.DedupeKey).ToListAsync(Ct));
            Assert.Equal(0, await db.SlackDeliveries.CountAsync(Ct));
            Assert.Equal(0, await db.Triages.CountAsync(Ct));
        }

        // When the job cannot be written, nothing is claimed: Slack's retry of the delivery is queued.
        var failed = new SlackTriageRequest("T1", "C1", "1700000001.000100", "1700000001.000200", "U1");
        await using (await TestDatabase.FailInsertsAsync(Db, "jobs"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => queue.EnqueueAsync(failed, Ct));
        }

        Assert.True(await queue.EnqueueAsync(failed, Ct));
    }

    [Fact]
    public async Task KeysOlderThanTheRetention_AreDeletedByTheFirstClaimAfterStart()
    {
        var now = DateTimeOffset.UtcNow;
        await using (var db = Db())
        {
            db.SlackDeliveries.Add(new SlackDeliveryRecord { Key = "event:Old", ReceivedAt = now - SlackDeliveryLedger.Retention - TimeSpan.FromHours(1) });
            db.SlackDeliveries.Add(new SlackDeliveryRecord { Key = "event:Recent", ReceivedAt = now - TimeSpan.FromDays(1) });
            await db.SaveChangesAsync(Ct);
        }

        Assert.True(await _services.GetRequiredService<SlackDeliveryLedger>().TryClaimAsync(["event:New"], Ct));

        await using (var db = Db())
        {
            Assert.Equal(["event:New", "event:Recent"], await db.SlackDeliveries.Select(d => d.Key).Order().ToListAsync(Ct));
        }
    }

    [Fact]
    public async Task AFailingBatch_IsWrittenAgainOneByOne_SoOnlyTheBadRequestFails()
    {
        var writer = _services.GetRequiredService<StorageWriter>();
        var factory = _services.GetRequiredService<TriageDbContextFactory>();
        var write = new GroupWrite<string, string>(
            async (db, keys, ct) =>
            {
                if (keys.Contains("poison"))
                {
                    throw new InvalidOperationException("poison in the batch");
                }

                db.ChannelSettings.AddRange(keys.Select(k => new ChannelSettingRecord { Channel = k, Repository = "acme/shop", UpdatedBy = "U1" }));
                await db.SaveChangesAsync(ct);
                return [.. keys.Select(k => "batched " + k)];
            },
            async (key, ct) =>
            {
                if (key == "poison")
                {
                    throw new InvalidOperationException("poison alone");
                }

                await using var db = factory.CreateDbContext();
                db.ChannelSettings.Add(new ChannelSettingRecord { Channel = key, Repository = "acme/shop", UpdatedBy = "U1" });
                await db.SaveChangesAsync(ct);
                return "alone " + key;
            });

        var keys = Enumerable.Range(0, 40).Select(i => i == 17 ? "poison" : $"C{i:D3}").ToList();
        var tasks = keys.Select(k => Task.Run(() => writer.RunAsync(write, k, Ct), Ct)).ToList();
        await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, Ct, TaskContinuationOptions.None, TaskScheduler.Default)));

        var poison = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[17]);
        Assert.Equal("poison alone", poison.Message);
        Assert.All(tasks.Where((_, i) => i != 17), t => Assert.EndsWith(keys[tasks.IndexOf(t)], t.Result, StringComparison.Ordinal));
        await using var db = Db();
        Assert.Equal(39, await db.ChannelSettings.CountAsync(Ct));
    }

    private TriageDbContext Db() => _services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();

    private static async Task<ServiceProvider> StartAsync(TempDirectory folder)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = folder.Combine("data") })
            .AddInMemoryCollection(TestDatabase.Settings(folder))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => TestOutputLoggerProvider.Install(l));
        services.AddSingleton(TimeProvider.System);
        services.AddStorage().AddJobs();
        services.AddSingleton<SlackDeliveryLedger>();
        services.AddSingleton<TriageQueue>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageMigrator>().StartAsync(TestContext.Current.CancellationToken);
        return provider;
    }
}
