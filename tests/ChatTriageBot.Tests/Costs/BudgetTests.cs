using ChatTriageBot.Costs;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatTriageBot.Tests.Costs;

/// <summary>Prices, the usage ledger and the caps, on a real SQLite file, with the clock under the test's control.</summary>
public sealed class BudgetTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("ctb-costs");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync() => await StartAsync(new Dictionary<string, string?>());

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _folder.DisposeAsync();
    }

    [Fact]
    public void Prices_MatchSnapshotsAliasesAndSettings_AndAnUnknownModelHasNoPrice()
    {
        var prices = new PriceTable(Microsoft.Extensions.Options.Options.Create(Settings()));

        Assert.Equal(0.4m, prices.Find("gpt-4.1-mini-2025-04-14")!.Input);
        Assert.Equal(2m, prices.Find("gpt-4.1")!.Input);
        Assert.Equal(0.25m, prices.Find("openai/gpt-5-mini")!.Input);
        Assert.Equal(0.15m, prices.Find("my-azure-deployment")!.Input);
        Assert.Equal(9m, prices.Find("gpt-4o")!.Input);
        Assert.Equal(0.01m, prices.Find("llama-3-local")!.Output);
        Assert.Null(prices.Find("some-new-model"));
        Assert.Null(prices.Cost(new ModelUsage("some-new-model", 1000, 0, 100, 1)));

        // 1M input of which 400k cached, 100k output on gpt-4.1-mini: 0.6 × 0.4 + 0.4 × 0.1 + 0.1 × 1.6.
        Assert.Equal(0.44m, prices.Cost(new ModelUsage("gpt-4.1-mini", 1_000_000, 400_000, 100_000, 1)));
        Assert.Equal(0.0012m + 0.0064m, prices.Estimate("gpt-4.1-mini", 3000, 4000));

        static PriceOptions Settings()
        {
            var options = new PriceOptions();
            options.Aliases["my-azure-deployment"] = "gpt-4o-mini";
            options.Models["gpt-4o"] = new ModelPrice { Input = 9m, Output = 30m };
            options.Models["llama-3-local"] = new ModelPrice { Input = 0.01m, Output = 0.01m };
            return options;
        }
    }

    [Fact]
    public async Task Ledger_RecordsCostFromThePriceTable_AndSumsByChannelAndUser()
    {
        var ledger = _services.GetRequiredService<UsageLedger>();
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(0.001568m, await ledger.RecordAsync(new UsageEntry(null, "diagnosis", "U1", "C1", "acme/shop"), new ModelUsage("gpt-4.1-mini", 2400, 0, 380, 1), ct));
        await ledger.RecordAsync(new UsageEntry(null, "diagnosis", "U2", "C1", "acme/shop"), new ModelUsage("gpt-4.1", 1000, 0, 1000, 1), ct);
        Assert.Null(await ledger.RecordAsync(new UsageEntry(null, "diagnosis", "U2", "C2", "acme/shop"), new ModelUsage("mystery", 1000, 0, 1000, 1), ct));

        var since = _clock.GetUtcNow().AddHours(-1);
        Assert.Equal(0.011568m, await ledger.SpentAsync(since, null, null, ct));
        Assert.Equal(0.011568m, await ledger.SpentAsync(since, "C1", null, ct));
        Assert.Equal(0.01m, await ledger.SpentAsync(since, null, "U2", ct));
        Assert.Equal(0m, await ledger.SpentAsync(_clock.GetUtcNow().AddMinutes(1), null, null, ct));
    }

    [Fact]
    public async Task Caps_RefuseOverTheCap_AskAboveTheWarningShare_AndAnApprovalSkipsOnlyTheWarning()
    {
        await RestartAsync(new() { ["Costs:UserDailyCap"] = "1.00", ["Costs:ChannelMonthlyCap"] = "10" });
        var budget = _services.GetRequiredService<Budget>();
        var ct = TestContext.Current.CancellationToken;
        await SpendAsync("U1", "C1", 0.70m);

        Assert.Equal(BudgetOutcome.Allowed, (await budget.CheckAsync("C1", "U1", 0.05m, "gpt-4.1-mini", approved: false, ct)).Outcome);
        var ask = await budget.CheckAsync("C1", "U1", 0.15m, "gpt-4.1-mini", approved: false, ct);
        Assert.Equal(BudgetOutcome.NeedsApproval, ask.Outcome);
        Assert.Contains("brings your daily spending to 85% of its $1.00 cap ($0.70 spent so far)", ask.Message, StringComparison.Ordinal);
        Assert.Equal(BudgetOutcome.Allowed, (await budget.CheckAsync("C1", "U1", 0.15m, "gpt-4.1-mini", approved: true, ct)).Outcome);

        var refused = await budget.CheckAsync("C1", "U1", 0.31m, "gpt-4.1-mini", approved: true, ct);
        Assert.Equal(BudgetOutcome.Refused, refused.Outcome);
        Assert.Contains("your daily spending cap of $1.00 is nearly used up ($0.70 spent)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("It resets Wed 25 Nov 00:00 (UTC)", refused.Message, StringComparison.Ordinal);

        // Another user in the same channel is under their own cap; the channel's monthly cap still counts everyone.
        Assert.Equal(BudgetOutcome.Allowed, (await budget.CheckAsync("C1", "U2", 0.31m, "gpt-4.1-mini", approved: false, ct)).Outcome);
        await SpendAsync("U3", "C1", 9.5m);
        var channel = await budget.CheckAsync("C1", "U2", 0.31m, "gpt-4.1-mini", approved: true, ct);
        Assert.Contains("this channel's monthly spending cap of $10.00", channel.Message, StringComparison.Ordinal);

        var unknown = await budget.CheckAsync("C2", "U2", null, "mystery-model", approved: false, ct);
        Assert.Equal(BudgetOutcome.NeedsApproval, unknown.Outcome);
        Assert.Contains("I do not know the price of mystery-model", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Days_BeginAtMidnightInTheConfiguredTimeZone()
    {
        // 22:30 UTC on 24 Nov is 23:30 on 24 Nov in Berlin; spending at 23:10 UTC the day before (00:10 on 24 Nov in
        // Berlin) counts for today there, but not for a day counted in Tokyo, where it is already 25 Nov.
        await RestartAsync(new() { ["Costs:DailyCap"] = "1", ["Costs:TimeZone"] = "Europe/Berlin" });
        var yesterdayUtc = _clock.GetUtcNow().AddHours(-23).AddMinutes(-20);
        await SpendAsync("U1", "C1", 0.95m, yesterdayUtc);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(BudgetOutcome.Refused, (await _services.GetRequiredService<Budget>().CheckAsync("C1", "U1", 0.10m, "gpt-4.1-mini", true, ct)).Outcome);

        await RestartAsync(new() { ["Costs:DailyCap"] = "1", ["Costs:TimeZone"] = "Asia/Tokyo" });
        Assert.Equal(BudgetOutcome.Allowed, (await _services.GetRequiredService<Budget>().CheckAsync("C1", "U1", 0.10m, "gpt-4.1-mini", true, ct)).Outcome);
    }

    private async Task SpendAsync(string user, string channel, decimal cost, DateTimeOffset? at = null)
    {
        await using var db = _services.GetRequiredService<TriageDbContextFactory>().CreateDbContext();
        db.ModelUsage.Add(new ModelUsageRecord { Purpose = "diagnosis", Model = "gpt-4.1-mini", Cost = cost, UserId = user, Channel = channel, CreatedAt = at ?? _clock.GetUtcNow() });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task RestartAsync(Dictionary<string, string?> settings)
    {
        await _services.DisposeAsync();
        await StartAsync(settings);
    }

    private async Task StartAsync(Dictionary<string, string?> settings)
    {
        settings["Data:Directory"] = _folder.Combine("data");
        foreach (var (key, value) in TestDatabase.Settings(_folder))
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => TestOutputLoggerProvider.Install(l));
        services.AddSingleton<TimeProvider>(_clock);
        services.AddStorage().AddLlm().AddCosts();
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<StorageMigrator>().StartAsync(TestContext.Current.CancellationToken);
    }
}
