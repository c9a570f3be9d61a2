using System.Diagnostics;
using System.Globalization;
using ChatTriageBot.Costs;
using ChatTriageBot.Digest;
using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using ChatTriageBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// <c>/triage cost</c> and <c>digest --dry-run</c> on a generated SQLite database of a large deployment (by default a
/// million ledger rows and 100,000 triages over a year), against two baselines in the same run: the same report with
/// the ledger's report indexes dropped, and the report computed by loading the period's rows and summing them in
/// memory (what the ledger did before).
/// </summary>
internal static class CostsBenchmark
{
    public static readonly string[] Options = ["rows", "triages", "days", "repeat", "keep"];

    private static readonly string[] Models = ["gpt-4.1-mini", "gpt-4.1", "gpt-5-mini", "o4-mini"];
    private static readonly string[] Kinds = ["bug", "question", "configuration", "feature", "not_a_bug"];
    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var rows = arguments.Int("rows", 1_000_000, minimum: 1);
        var triages = arguments.Int("triages", 100_000, minimum: 1);
        var days = arguments.Int("days", 365, minimum: 7);
        var repeat = arguments.Int("repeat", 20, minimum: 1);
        var keep = arguments.String("keep");
        var work = keep ?? Directory.CreateTempSubdirectory("ctb-costs-").FullName;
        try
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            var indexed = Path.Combine(work, "indexed");
            var plain = Path.Combine(work, "plain");
            await using (var services = Services(indexed))
            {
                if (!File.Exists(DatabaseFile(indexed)))
                {
                    var generation = Stopwatch.StartNew();
                    await services.GetRequiredService<StorageMigrator>().StartAsync(CancellationToken.None);
                    Generate(DatabaseFile(indexed), rows, triages, days, now);
                    Console.Error.WriteLine($"generated {rows:N0} ledger rows and {triages:N0} triages in {generation.Elapsed.TotalSeconds:0.0} s");
                }
            }

            if (!File.Exists(DatabaseFile(plain)))
            {
                Directory.CreateDirectory(plain);
                File.Copy(DatabaseFile(indexed), DatabaseFile(plain));
                DropReportIndexes(DatabaseFile(plain));
            }

            var results = new List<(string Name, string Variant, Timing Timing)>();
            await using (var services = Services(indexed))
            {
                await services.GetRequiredService<StorageMigrator>().StartAsync(CancellationToken.None);
                var digestWeek = services.GetRequiredService<DigestSchedule>().LastWholeWeek();
                foreach (var (name, text) in Commands())
                {
                    results.Add((name, "with the indexes", await TimeAsync(repeat, () => SlashCostAsync(services, text))));
                }

                results.Add(("digest --dry-run", "with the indexes", await TimeAsync(repeat, () => DigestAsync(services, digestWeek))));
                var composed = await services.GetRequiredService<DigestComposer>().ComposeAsync(digestWeek, CancellationToken.None);
                results.Add(("(of which composing it from the database)", "with the indexes", await TimeAsync(repeat, async () =>
                    (await services.GetRequiredService<DigestComposer>().ComposeAsync(digestWeek, CancellationToken.None)).Triages.ToString(CultureInfo.InvariantCulture))));
                results.Add(("(of which drawing the chart)", "with the indexes", await TimeAsync(repeat, () =>
                    Task.FromResult(DigestChart.Render(composed).Length.ToString(CultureInfo.InvariantCulture)))));
                results.Add(("`/triage cost 7d`", "loading the rows", await TimeAsync(Math.Min(repeat, 5), () => LoadedRowsAsync(services, 7, now))));
                results.Add(("`/triage cost 30d by user`", "loading the rows", await TimeAsync(Math.Min(repeat, 5), () => LoadedRowsAsync(services, 30, now))));
            }

            await using (var services = Services(plain))
            {
                var digestWeek = services.GetRequiredService<DigestSchedule>().LastWholeWeek();
                foreach (var (name, text) in Commands())
                {
                    results.Add((name, "without the report indexes", await TimeAsync(Math.Min(repeat, 5), () => SlashCostAsync(services, text))));
                }

                results.Add(("digest --dry-run", "without the report indexes", await TimeAsync(Math.Min(repeat, 5), () => DigestAsync(services, digestWeek))));
            }

            Print(results, rows, triages, days, new FileInfo(DatabaseFile(indexed)).Length);
            return 0;
        }
        finally
        {
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
    /// Wall-clock times of a first run and of <paramref name="repeat"/> more, and the median CPU time the process spent on
    /// each (less disturbed than the wall clock when other work shares the machine's cores).
    /// </summary>
    private static async Task<Timing> TimeAsync(int repeat, Func<Task<string>> run)
    {
        using var process = Process.GetCurrentProcess();
        var cold = Stopwatch.StartNew();
        await run();
        var first = cold.Elapsed.TotalMilliseconds;
        var samples = new List<double>(repeat);
        var cpu = new List<double>(repeat);
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

        samples.Sort();
        cpu.Sort();
        return new Timing(first, samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.9) - 1)], samples[^1], cpu[cpu.Count / 2], repeat);
    }

    private static ServiceProvider Services(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Directory"] = dataDirectory,
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

    /// <summary>Writes the deployment's rows with prepared statements in one transaction per table; a fixed seed makes runs comparable.</summary>
    private static void Generate(string file, int rows, int triages, int days, DateTimeOffset now)
    {
        var random = new Random(20261207);
        var start = now.AddDays(-days).ToUnixTimeMilliseconds();
        var span = now.ToUnixTimeMilliseconds() - start;
        long At(double fraction) => start + (long)(fraction * span);
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");

        var triageTimes = new long[triages];
        using (var transaction = connection.BeginTransaction())
        {
            using var triage = Prepare(connection, transaction,
                "INSERT INTO triages (Id, Source, Channel, ThreadTs, MentionTs, RequestedBy, Repository, \"Commit\", Status, Kind, Severity, AnswerMs, CreatedAt, CompletedAt) VALUES ($id, 'slack', $channel, $thread, $mention, $user, $repo, 'abc', $status, $kind, $severity, $answer, $at, $at)",
                "$id", "$channel", "$thread", "$mention", "$user", "$repo", "$status", "$kind", "$severity", "$answer", "$at");
            using var request = Prepare(connection, transaction,
                "INSERT INTO support_requests (Channel, Ts, UserId, ReceivedAt) VALUES ($channel, $ts, 'U0CUSTOMER', $at)", "$channel", "$ts", "$at");
            using var blamed = Prepare(connection, transaction, "INSERT OR IGNORE INTO triage_blamed_files (TriageId, Path) VALUES ($id, $path)", "$id", "$path");
            using var fix = Prepare(connection, transaction,
                "INSERT INTO fixes (Id, TriageId, RequestedBy, Status, CreatedAt, PullRequestRepository, PullRequestNumber, PullRequestOpenedAt) VALUES ($id, $id, 'U0001', $status, $at, $repo, $number, $opened)",
                "$id", "$status", "$at", "$repo", "$number", "$opened");
            using var outcome = Prepare(connection, transaction,
                "INSERT INTO pull_request_outcomes (FixId, Repository, Number, Outcome, By, At, Source, TouchedBlamedFiles, RecordedAt) VALUES ($fix, $repo, $number, $outcome, 'octocat', $at, 'poll', $touched, $at)",
                "$fix", "$repo", "$number", "$outcome", "$at", "$touched");
            using var feedback = Prepare(connection, transaction, "INSERT INTO triage_feedback (TriageId, UserId, Helpful, At) VALUES ($id, $user, $helpful, $at)", "$id", "$user", "$helpful", "$at");
            for (var i = 0; i < triages; i++)
            {
                var at = At((double)i / triages);
                triageTimes[i] = at;
                var channel = $"C{random.Next(20):D4}";
                var thread = string.Create(CultureInfo.InvariantCulture, $"{at / 1000}.{i % 1_000_000:D6}");
                Run(request, channel, thread, at);
                var completed = random.NextDouble() < 0.9;
                Run(triage, i + 1, channel, thread, thread + "1", $"U{random.Next(50):D4}", $"acme/repo{random.Next(5)}", completed ? "Completed" : "Failed",
                    completed ? Kinds[random.Next(Kinds.Length)] : null, completed ? Severities[random.Next(Severities.Length)] : null, completed ? random.Next(2_000, 120_000) : null, at);
                for (var b = random.Next(1, 4); b > 0; b--)
                {
                    Run(blamed, i + 1, $"src/module{random.Next(200)}/file{random.Next(10)}.cs");
                }

                if (completed && random.NextDouble() < 0.1)
                {
                    var opened = random.NextDouble() < 0.5 ? at + 3_600_000 : (long?)null;
                    var repository = opened is null ? null : "acme/repo0";
                    Run(fix, i + 1, "Ready", at, repository, opened is null ? null : i + 1, opened);
                    if (opened is not null && random.NextDouble() < 0.7)
                    {
                        var merged = random.NextDouble() < 0.7;
                        Run(outcome, i + 1, repository, i + 1, merged ? "Merged" : "Closed", opened + 86_400_000, merged ? random.NextDouble() < 0.8 : null);
                    }
                }

                if (completed && random.NextDouble() < 0.3)
                {
                    Run(feedback, i + 1, $"U{random.Next(50):D4}", random.NextDouble() < 0.8, at + 60_000);
                }
            }

            transaction.Commit();
        }

        using (var transaction = connection.BeginTransaction())
        {
            using var usage = Prepare(connection, transaction,
                "INSERT INTO model_usage (ResponseId, TriageId, Operation, Model, InputTokens, CachedInputTokens, OutputTokens, ReasoningTokens, CostMicros, Priced, DurationMs, UserId, Channel, Repository, CreatedAt) VALUES ($id, $triage, $operation, $model, $in, $cached, $out, $reasoning, $cost, 1, $ms, $user, $channel, $repo, $at)",
                "$id", "$triage", "$operation", "$model", "$in", "$cached", "$out", "$reasoning", "$cost", "$ms", "$user", "$channel", "$repo", "$at");
            for (var i = 0; i < rows; i++)
            {
                var triageIndex = (int)((long)i * triages / rows);
                var input = random.Next(1_000, 20_000);
                var output = random.Next(100, 2_000);
                Run(usage, $"chatcmpl-bench{i}", random.NextDouble() < 0.95 ? triageIndex + 1 : null, i % 10 == 0 ? "fix" : "diagnosis", Models[random.Next(Models.Length)],
                    input, input / 4, output, output / 10, (long)((input * 0.4) + (output * 1.6)), random.Next(1_000, 30_000), $"U{random.Next(50):D4}", $"C{random.Next(20):D4}",
                    $"acme/repo{random.Next(5)}", triageTimes[triageIndex] + random.Next(0, 600_000));
            }

            transaction.Commit();
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
    }

    /// <summary>The baseline database: the same rows with the indexes the reports use dropped (only the keys remain).</summary>
    private static void DropReportIndexes(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        Execute(connection, """
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

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Print(List<(string Name, string Variant, Timing Timing)> results, int rows, int triages, int days, long bytes)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ledger: {rows:N0} rows, {triages:N0} triages over {days} days (SQLite file {bytes / 1024.0 / 1024.0:0} MB); {Environment.ProcessorCount} cores."));
        Console.WriteLine();
        Console.WriteLine("| command | database | first ms | median ms | p90 ms | max ms | CPU ms (median) | runs |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, variant, t) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {variant} | {t.First:0.0} | {t.Median:0.0} | {t.P90:0.0} | {t.Max:0.0} | {t.CpuMedian:0.0} | {t.Runs} |"));
        }

        var worst = results.Where(r => r.Variant == "with the indexes").Max(r => r.Timing.P90);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slowest p90 with the indexes: **{worst:0.0} ms** (target < 300 ms: {(worst < 300 ? "met" : "NOT met")}); load average when done: {LoadAverage()}."));
    }

    /// <summary>The machine's 1-minute load average (Linux), so a reader can tell a busy machine's figures from a quiet one's.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record Timing(double First, double Median, double P90, double Max, double CpuMedian, int Runs);
}
