using System.Globalization;
using ChatTriageBot.Hosting;
using Npgsql;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// Acknowledgement latency and throughput of the bot's <c>POST /slack/events</c> (signed <c>app_mention</c>
/// deliveries: verify, dedupe in the database by queueing the mention's job, 200) against a bare endpoint that only
/// returns 200, in one run on this machine, the two taking turns. With <c>--workers 1</c> a job worker works the queued
/// triages meanwhile, as in a single-process deployment. The bot's database is a SQLite file, or with
/// <c>--postgres "Host=...;Username=..."</c> a fresh database on that PostgreSQL server (created by the bot's migrator,
/// dropped at the end).
/// </summary>
internal static class SlackAckBenchmark
{
    /// <summary>The options <c>slack-ack</c> takes.</summary>
    public static readonly string[] Options = ["seconds", "rate", "concurrency", "max-seconds", "rounds", "workers", "postgres"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var seconds = arguments.Int("seconds", 20, minimum: 1);
        var rate = arguments.Int("rate", 200, minimum: 1);
        var concurrencyText = arguments.String("concurrency") ?? "16,64,256";
        var concurrencies = concurrencyText.Split(',').Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new BenchmarkUsageException($"--concurrency must be whole numbers above 0 separated by commas, not \"{concurrencyText}\"")).ToList();
        var maxSeconds = arguments.Int("max-seconds", 5, minimum: 1);
        var rounds = arguments.Int("rounds", 3, minimum: 1);
        var workers = arguments.Int("workers", 1);
        var postgres = arguments.String("postgres") is { } server
            ? new NpgsqlConnectionStringBuilder(server) { Database = $"ctb_bench_{Guid.NewGuid():N}" }.ConnectionString
            : null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var work = Directory.CreateTempSubdirectory("ctb-bench-");
        try
        {
            await using var slack = await LoopbackServer.StartFakeSlackAsync();
            await using var bare = await LoopbackServer.StartBareAsync();
            await using var bot = await StartBotAsync(work.FullName, LoopbackServer.Address(slack), workers, postgres);
            using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 256 };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            var load = new LoadGenerator(client);
            var storage = postgres is null ? "SQLite" : "PostgreSQL";
            var targets = new[] { ("bare endpoint", LoopbackServer.Address(bare)), ($"bot /slack/events ({workers} job worker(s), {storage})", LoopbackServer.Address(bot)) };

            Console.Error.WriteLine($"warm-up ({Environment.ProcessorCount} cores)...");
            foreach (var (_, address) in targets)
            {
                await load.RunClosedLoopAsync(() => Delivery(address), 4, TimeSpan.FromSeconds(3), cancel.Token);
            }

            var fixedRate = new List<FixedRateResult>();
            foreach (var (name, address) in targets)
            {
                Console.Error.WriteLine($"{name}: {rate} requests/s for {seconds} s...");
                var requests = Enumerable.Range(0, rate * seconds).Select(_ => (Func<HttpRequestMessage>)(() => Delivery(address))).ToList();
                fixedRate.Add(await load.RunFixedRateAsync(requests, rate, cancel.Token));
            }

            // Closed loop: the two targets alternate, round after round, so a slow spell of the shared machine falls on both;
            // each target's figure is the median of its rounds, and the ratio the median of the rounds' ratios.
            var closed = new List<ClosedLoopSeries>();
            foreach (var concurrency in concurrencies)
            {
                var series = new ClosedLoopSeries(concurrency, [], []);
                for (var round = 1; round <= rounds; round++)
                {
                    foreach (var (name, address) in targets)
                    {
                        Console.Error.WriteLine($"{name}: {concurrency} clients back to back for {maxSeconds} s (round {round} of {rounds})...");
                        var result = await load.RunClosedLoopAsync(() => Delivery(address), concurrency, TimeSpan.FromSeconds(maxSeconds), cancel.Token);
                        (address == targets[0].Item2 ? series.Bare : series.Bot).Add(result);
                    }
                }

                closed.Add(series);
            }

            Print(targets.Select(t => t.Item1).ToList(), fixedRate, closed, rate, seconds, maxSeconds);
            return 0;
        }
        finally
        {
            if (postgres is not null)
            {
                await DropDatabaseAsync(postgres);
            }

            WorkFolder.Delete(work);
        }
    }

    /// <summary>Drops a benchmark's PostgreSQL database (its connections closed first).</summary>
    internal static async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(connectionString);
        var name = database.Database;
        database.Database = "postgres";
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<WebApplication> StartBotAsync(string work, Uri slack, int workers, string? postgres)
    {
        var repository = BotProcess.CreateRepository(Path.Combine(work, "repo"));

        var builder = ChatTriageBotBuilder.CreateBuilder(["--environment=Production"], contentRoot: work);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-bench",
            ["Slack:SigningSecret"] = SignedMention.Secret,
            ["Slack:ApiBaseUrl"] = new Uri(slack, "api/").ToString(),
            ["Repos:0:Name"] = "bench/shop",
            ["Repos:0:CloneUrl"] = repository,
            ["Data:Directory"] = Path.Combine(work, "data"),
            ["Jobs:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Storage:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Storage:ConnectionString"] = postgres,
        });
        builder.Logging.ClearProviders();
        builder.AddChatTriageBot();
        var app = builder.Build();
        app.MapChatTriageBot();
        await app.StartAsync();
        return app;
    }

    private static int _sequence;

    private static HttpRequestMessage Delivery(Uri address) => SignedMention.Create(address, Interlocked.Increment(ref _sequence));

    private static void Print(List<string> names, List<FixedRateResult> fixedRate, List<ClosedLoopSeries> closed, int rate, int seconds, int maxSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"### Acknowledgement latency at {rate} requests/s for {seconds} s (open loop)"));
        Console.WriteLine();
        Console.WriteLine("| target | requests | non-200 | achieved rate | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < names.Count; i++)
        {
            var r = fixedRate[i];
            Console.WriteLine(string.Create(inv, $"| {names[i]} | {r.Requests} | {r.NonOk} | {r.AchievedRate:0.0}/s | {r.P50:0.00} | {r.P90:0.00} | {r.P99:0.00} | {r.Max:0.0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"### Throughput, clients back to back, {closed[0].Bare.Count} alternating rounds of {maxSeconds} s (closed loop; medians)"));
        Console.WriteLine();
        Console.WriteLine("| clients | bare requests/s | bot requests/s | bot / bare (median of rounds) | rounds (bot / bare) | non-200 from the bot |");
        Console.WriteLine("|---:|---:|---:|---:|---|---:|");
        foreach (var series in closed)
        {
            var rounds = string.Join(", ", series.Bare.Select((b, i) => string.Create(inv, $"{series.Bot[i].Throughput:0} / {b.Throughput:0}")));
            Console.WriteLine(string.Create(inv, $"| {series.Concurrency} | {Median(series.Bare.Select(b => b.Throughput)):0} | {Median(series.Bot.Select(b => b.Throughput)):0} | {series.Ratio:0.00} | {rounds} | {series.Bot.Sum(b => b.NonOk)} |"));
        }

        // Throughput is each target's best: the highest of its medians over the client counts.
        var bare = closed.MaxBy(c => Median(c.Bare.Select(b => b.Throughput)))!;
        var bot = closed.MaxBy(c => Median(c.Bot.Select(b => b.Throughput)))!;
        var ratio = Median(bot.Bot.Select(b => b.Throughput)) / Median(bare.Bare.Select(b => b.Throughput));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Throughput: bot {Median(bot.Bot.Select(b => b.Throughput)):0}/s (at {bot.Concurrency} clients), bare {Median(bare.Bare.Select(b => b.Throughput)):0}/s (at {bare.Concurrency} clients): **{ratio:0.00}** (target ≥ 0.50: {(ratio >= 0.5 ? "met" : "NOT met")}); bot p99 at {rate}/s: **{fixedRate[1].P99:0.0} ms** (target < 20 ms: {(fixedRate[1].P99 < 20 ? "met" : "NOT met")}); non-200 answers from the bot: {fixedRate[1].NonOk + closed.Sum(c => c.Bot.Sum(b => b.NonOk))}."));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>One concurrency's alternating rounds: the bare endpoint's and the bot's results, round by round.</summary>
    private sealed record ClosedLoopSeries(int Concurrency, List<ClosedLoopResult> Bare, List<ClosedLoopResult> Bot)
    {
        public double Ratio => Median(Bot.Select((b, i) => b.Throughput / Bare[i].Throughput));
    }
}
