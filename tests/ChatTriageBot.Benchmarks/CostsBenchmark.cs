using System.Diagnostics;
using System.Globalization;
using ChatTriageBot.Costs;
using ChatTriageBot.Digest;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// <c>/triage cost</c> and <c>digest --dry-run</c> on a generated database of a large deployment (by default a million
/// ledger rows and 100,000 triages over a year), against two baselines in the same run: the same report with the
/// ledger's report indexes dropped, and the report computed by loading the period's rows and summing them in memory
/// (what the ledger did before). The database is a SQLite file, or with <c>--postgres "Host=...;Username=..."</c> a
/// fresh database on that PostgreSQL server (created by the bot's migrator, its report indexes dropped in place for the
/// baseline, the database dropped at the end).
/// </summary>
internal static class CostsBenchmark
{
    public static readonly string[] Options = ["rows", "triages", "days", "repeat", "keep", "postgres"];

    private const string WithIndexes = "with the indexes";
    private const string WithoutIndexes = "without the report indexes";

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var rows = arguments.Int("rows", 1_000_000, minimum: 1);
        var triages = arguments.Int("triages", 100_000, minimum: 1);
        var days = arguments.Int("days", 365, minimum: 7);
        var repeat = arguments.Int("repeat", 20, minimum: 1);
        var keep = arguments.String("keep");
        var postgresServer = arguments.String("postgres");
        if (postgresServer is not null && keep is not null)
        {
            throw new BenchmarkUsageException("--keep keeps generated SQLite files; with --postgres the database is generated afresh and dropped at the end");
        }

        var postgres = postgresServer is null ? null : new NpgsqlConnectionStringBuilder(postgresServer) { Database = $"ctb_bench_{Guid.NewGuid():N}" }.ConnectionString;
        var work = keep ?? Directory.CreateTempSubdirectory("ctb-costs-").FullName;
        var loadAtStart = MachineLoad.Read();
        try
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            var indexed = Path.Combine(work, "indexed");
            var plain = Path.Combine(work, "plain");
            var results = new List<(string Name, string Variant, Timing Timing)>();
            await using (var services = Services(indexed, postgres))
            {
                var migrator = services.GetRequiredService<StorageMigrator>();
                var fresh = postgres is not null || !File.Exists(DatabaseFile(indexed));
                await migrator.StartAsync(CancellationToken.None);
                if (!migrator.Completed)
                {
                    Console.Error.WriteLine($"costs: {migrator.Problem}");
                    return 1;
                }

                if (fresh)
                {
                    var generation = Stopwatch.StartNew();
                    await using (var db = await services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync())
                    {
                        await BulkLoad.LoadAsync(db, CostsDeployment.Generate(rows, triages, days, now));
                    }

                    Console.Error.WriteLine($"generated {rows:N0} ledger rows and {triages:N0} triages in {generation.Elapsed.TotalSeconds:0.0} s");
                }
            }

            // SQLite: the baseline is a copy of the file with the indexes dropped; PostgreSQL drops them in place after the indexed runs.
            if (postgres is null && !File.Exists(DatabaseFile(plain)))
            {
                Directory.CreateDirectory(plain);
                File.Copy(DatabaseFile(indexed), DatabaseFile(plain));
                await using var services = Services(plain, postgres: null);
                await DropReportIndexesAsync(services);
            }

            string database;
            await using (var services = Services(indexed, postgres))
            {
                var server = ServerCpu(services, postgres);
                database = postgres is null
                    ? string.Create(CultureInfo.InvariantCulture, $"SQLite file {new FileInfo(DatabaseFile(indexed)).Length / 1024.0 / 1024.0:0} MB")
                    : await PostgresDescriptionAsync(services);
                var digestWeek = services.GetRequiredService<DigestSchedule>().LastWholeWeek();
                foreach (var (name, text) in Commands())
                {
                    results.Add((name, WithIndexes, await TimeAsync(repeat, () => SlashCostAsync(services, text), server)));
                }

                results.Add(("digest --dry-run", WithIndexes, await TimeAsync(repeat, () => DigestAsync(services, digestWeek), server)));
                var composed = await services.GetRequiredService<DigestComposer>().ComposeAsync(digestWeek, CancellationToken.None);
                results.Add(("(of which composing it from the database)", WithIndexes, await TimeAsync(repeat, async () =>
                    (await services.GetRequiredService<DigestComposer>().ComposeAsync(digestWeek, CancellationToken.None)).Triages.ToString(CultureInfo.InvariantCulture), server)));
                results.Add(("(of which drawing the chart)", WithIndexes, await TimeAsync(repeat, () =>
                    Task.FromResult(DigestChart.Render(composed).Length.ToString(CultureInfo.InvariantCulture)), server)));
                results.Add(("`/triage cost 7d`", "loading the rows", await TimeAsync(Math.Min(repeat, 5), () => LoadedRowsAsync(services, 7, now), server)));
                results.Add(("`/triage cost 30d by user`", "loading the rows", await TimeAsync(Math.Min(repeat, 5), () => LoadedRowsAsync(services, 30, now), server)));
                if (postgres is not null)
                {
                    await DropReportIndexesAsync(services);
                }
            }

            await using (var services = Services(postgres is null ? plain : indexed, postgres))
            {
                var server = ServerCpu(services, postgres);
                var digestWeek = services.GetRequiredService<DigestSchedule>().LastWholeWeek();
                foreach (var (name, text) in Commands())
                {
                    results.Add((name, WithoutIndexes, await TimeAsync(Math.Min(repeat, 5), () => SlashCostAsync(services, text), server)));
                }

                results.Add(("digest --dry-run", WithoutIndexes, await TimeAsync(Math.Min(repeat, 5), () => DigestAsync(services, digestWeek), server)));
            }

            Print(results, rows, triages, days, database, loadAtStart);
            return 0;
        }
        finally
        {
            if (postgres is not null)
            {
                try
                {
                    await SlackAckBenchmark.DropDatabaseAsync(postgres);
                }
                catch (NpgsqlException e)
                {
                    // The server was not reachable (the run has said so already) or went away: nothing to drop, or nothing to drop it with.
                    Console.Error.WriteLine($"costs: the benchmark database was not dropped: {e.Message}");
                }
            }

            if (keep is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static IEnumerable<(string Name, string Text)> Commands() =>
    [
        ("`/triage cost 7d`", "7d"),
        ("`/triage cost 30d by user`", "30d by user"),
        ("`/triage cost month by outcome`", "month by outcome"),
    ];

    /// <summary>What a <c>/triage cost</c> request does inside Slack's request: parse, the report's queries, Block Kit.</summary>
    private static async Task<string> SlashCostAsync(ServiceProvider services, string text)
    {
        var command = services.GetServices<ISlackSubcommand>().Single(s => s.Name == CostCommand.Word);
        var reply = await command.HandleAsync(new SlashCommand { Command = SlashCommands.Triage, Text = $"cost {text}", UserId = "U0001", ChannelId = "C0001" }, text.Split(' '), CancellationToken.None);
        return reply.Text;
    }

    /// <summary>What <c>digest --dry-run</c> does after the process has started: compose, write as text, draw the chart.</summary>
    private static async Task<string> DigestAsync(ServiceProvider services, DigestWeek week)
    {
        var content = await services.GetRequiredService<DigestComposer>().ComposeAsync(week, CancellationToken.None);
        var png = DigestChart.Render(content);
        return DigestFormat.Text(content) + png.Length.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The baseline: the period's rows loaded and summed (and grouped by user) in memory.</summary>
    private static async Task<string> LoadedRowsAsync(ServiceProvider services, int days, DateTimeOffset now)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var since = now.AddDays(-days);
        var loaded = await db.ModelUsage.AsNoTracking().Where(u => u.CreatedAt >= since).ToListAsync();
        var total = loaded.Sum(u => u.CostMicros) + loaded.Sum(u => u.InputTokens) + loaded.Sum(u => u.OutputTokens);
        var byUser = loaded.GroupBy(u => u.UserId).Select(g => (g.Key, g.Sum(u => u.CostMicros))).OrderByDescending(g => g.Item2).Take(10).ToList();
        return $"{total} {byUser.Count}";
    }

    /// <summary>
    /// Wall-clock times of a first run and of <paramref name="repeat"/> more, the median CPU time this process spent on
    /// each (less disturbed than the wall clock when other work shares the machine's cores), and on PostgreSQL the mean
    /// CPU time the server spent per run, read before and after the repeated runs (<paramref name="server"/>).
    /// </summary>
    private static async Task<Timing> TimeAsync(int repeat, Func<Task<string>> run, Func<Task<double?>>? server)
    {
        using var process = Process.GetCurrentProcess();
        var cold = Stopwatch.StartNew();
        await run();
        var first = cold.Elapsed.TotalMilliseconds;
        var samples = new List<double>(repeat);
        var cpu = new List<double>(repeat);
        var serverBefore = server is null ? null : await server();
        for (var i = 0; i < repeat; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await run();
            samples.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        var serverAfter = server is null ? null : await server();
        samples.Sort();
        cpu.Sort();
        return new Timing(first, samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.9) - 1)], samples[^1], cpu[cpu.Count / 2],
            serverAfter - serverBefore is { } serverCpu ? serverCpu / repeat : null, repeat);
    }

    /// <summary>The server's CPU reading on PostgreSQL (null on SQLite, where the database works inside this process).</summary>
    private static Func<Task<double?>>? ServerCpu(ServiceProvider services, string? postgres) => postgres is null
        ? null
        : () => PostgresServerCpu.ReadAsync(services.GetRequiredService<IDbContextFactory<TriageDbContext>>());

    private static async Task<string> PostgresDescriptionAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        var bytes = await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
        var version = await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version') AS \"Value\"").SingleAsync();
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {version} database {bytes / 1024.0 / 1024.0:0} MB");
    }

    private static ServiceProvider Services(string dataDirectory, string? postgres)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataDirectory,
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage:ConnectionString"] = postgres,
            ["Costs:DailyCap"] = "50",
            ["Costs:MonthlyCap"] = "1000",
            ["Costs:UserDailyCap"] = "5",
            ["Costs:ChannelMonthlyCap"] = "200",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddStorage().AddLlm().AddCosts().AddDigestComposer();
        return services.BuildServiceProvider();
    }

    private static string DatabaseFile(string dataDirectory) => Path.Combine(dataDirectory, "chattriagebot.db");

    /// <summary>The baseline: the same rows with the indexes the reports use dropped (only the keys remain).</summary>
    private static async Task DropReportIndexesAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<TriageDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("""
            DROP INDEX IF EXISTS "IX_model_usage_Report";
            DROP INDEX IF EXISTS "IX_model_usage_ByUser";
            DROP INDEX IF EXISTS "IX_model_usage_ByChannel";
            DROP INDEX IF EXISTS "IX_model_usage_ByModel";
            DROP INDEX IF EXISTS "IX_model_usage_ByRepository";
            DROP INDEX IF EXISTS "IX_triages_CreatedAt";
            DROP INDEX IF EXISTS "IX_triages_Repository_CreatedAt";
            DROP INDEX IF EXISTS "IX_support_requests_ReceivedAt";
            DROP INDEX IF EXISTS "IX_fixes_CreatedAt";
            DROP INDEX IF EXISTS "IX_pull_request_outcomes_At";
            ANALYZE;
            """);
    }

    private static void Print(List<(string Name, string Variant, Timing Timing)> results, int rows, int triages, int days, string database, string loadAtStart)
    {
        var inv = CultureInfo.InvariantCulture;
        var server = results.Any(r => r.Timing.ServerCpuMean is not null);
        Console.WriteLine(string.Create(inv, $"Ledger: {rows:N0} rows, {triages:N0} triages over {days} days ({database}); {Environment.ProcessorCount} cores."));
        Console.WriteLine();
        Console.WriteLine("| command | database | first ms | median ms | p90 ms | max ms | CPU ms (median) |" + (server ? " server CPU ms (mean) |" : string.Empty) + " runs |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|" + (server ? "---:|" : string.Empty) + "---:|");
        foreach (var (name, variant, t) in results)
        {
            var serverColumn = server ? string.Create(inv, $" {(t.ServerCpuMean is { } ms ? ms.ToString("0.0", inv) : "n/a")} |") : string.Empty;
            Console.WriteLine(string.Create(inv, $"| {name} | {variant} | {t.First:0.0} | {t.Median:0.0} | {t.P90:0.0} | {t.Max:0.0} | {t.CpuMedian:0.0} |{serverColumn} {t.Runs} |"));
        }

        var indexed = results.Where(r => r.Variant == WithIndexes).ToList();
        var worst = indexed.Max(r => r.Timing.P90);
        Console.WriteLine();
        if (database.StartsWith("PostgreSQL", StringComparison.Ordinal))
        {
            Console.WriteLine("CPU ms counts this process only; the PostgreSQL server's work (planning, reading, summing) is done in its own processes"
                + (server
                    ? ": server CPU ms is the user and system time of the server's processes for this database (from /proc, in 10 ms ticks) over the repeated runs, divided by their number."
                    : ", which are not visible from here (server CPU not measured)."));
        }

        var worstCpu = indexed.Max(r => r.Timing.CpuMedian + (r.Timing.ServerCpuMean ?? 0));
        Console.WriteLine(string.Create(inv, $"Slowest p90 with the indexes: **{worst:0.0} ms** (target < 300 ms: {(worst < 300 ? "met" : "NOT met")}); most CPU per run with the indexes{(server ? " (this process and the server)" : string.Empty)}: {worstCpu:0.0} ms; load averages (1, 5, 15 min) at the start: {loadAtStart}, when done: {MachineLoad.Read()}."));
    }

    private sealed record Timing(double First, double Median, double P90, double Max, double CpuMedian, double? ServerCpuMean, int Runs);
}
