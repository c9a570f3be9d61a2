using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// Sustained load on real bot processes: signed <c>app_mention</c> deliveries at a fixed rate (<see cref="LoadGenerator"/>,
/// latency from the scheduled send time), spread over <c>--processes</c> bot processes on one database (a SQLite file,
/// or with <c>--postgres</c> a fresh PostgreSQL database: replicas), each with the stand-in Slack and model. Then it waits
/// until every mention's thread shows the diagnosis and counts, per mention, the messages the bot posted in its
/// thread: none is an unanswered (after the whole drain: lost) mention, two or more a duplicate. Each process's resident memory is sampled every second.
/// </summary>
internal static class LoadBenchmark
{
    /// <summary>The options <c>load</c> takes.</summary>
    public static readonly string[] Options = ["seconds", "rate", "processes", "postgres", "drain-seconds", "workers", "gate"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var seconds = arguments.Int("seconds", 60, minimum: 1);
        var rate = arguments.Int("rate", 200, minimum: 1);
        var processes = arguments.Int("processes", 1, minimum: 1);
        var drainSeconds = arguments.Int("drain-seconds", 900, minimum: 1);
        var workers = arguments.Int("workers", -1) is var w and >= 0 ? w.ToString(CultureInfo.InvariantCulture) : null;
        // What the exit code answers: every target, or only exactly-once (CI on an unknown machine gates on what does
        // not depend on its speed: nothing refused, lost or duplicated, every diagnosis posted, every process alive).
        var gate = arguments.String("gate") ?? "all";
        if (gate is not ("all" or "exactly-once"))
        {
            throw new BenchmarkUsageException($"--gate must be all or exactly-once, not \"{gate}\"");
        }

        var postgres = arguments.String("postgres") is { } server
            ? new NpgsqlConnectionStringBuilder(server) { Database = $"ctb_load_{Guid.NewGuid():N}" }.ConnectionString
            : null;
        if (postgres is null && processes > 1)
        {
            Console.Error.WriteLine("load: several processes share a SQLite file only on one machine; give --postgres for replicas");
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + drainSeconds + 300));
        var work = Directory.CreateTempSubdirectory("ctb-load-");
        var loadBefore = MachineLoad.Read();
        var bots = new List<BotProcess>();
        try
        {
            var posts = new SlackPostLog();
            await using var slack = await LoopbackServer.StartFakeSlackAsync(posts);
            await using var model = await LoopbackServer.StartFakeModelAsync(BotProcess.Diagnosis);
            var repository = BotProcess.CreateRepository(Path.Combine(work.FullName, "repo"));
            for (var i = 0; i < processes; i++)
            {
                // One data directory for all on SQLite (one database file); on PostgreSQL each keeps its own mirrors.
                var data = Path.Combine(work.FullName, postgres is null ? "data" : $"data-{i}");
                // Every mention reports the same problem: with similar-report offers on, all but the first few would be
                // offered the first answer instead of a diagnosis of their own.
                var extra = new Dictionary<string, string> { ["Triage__SimilarityThreshold"] = "1" };
                if (workers is not null)
                {
                    extra["Jobs__Workers"] = workers;
                }

                bots.Add(await BotProcess.StartAsync($"load-{i}", data, repository, LoopbackServer.Address(slack), LoopbackServer.Address(model), postgres, extra, cancel.Token));
            }

            using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
            var load = new LoadGenerator(client);
            var total = rate * seconds;
            var requests = Enumerable.Range(1, total).Select(n => (Func<HttpRequestMessage>)(() => SignedMention.Create(bots[n % bots.Count].Address, n))).ToList();

            var memory = bots.Select(_ => new List<double>()).ToList();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    for (var i = 0; i < bots.Count; i++)
                    {
                        memory[i].Add(bots[i].ResidentMb());
                    }

                    await Task.Delay(1000, CancellationToken.None);
                }
            }, CancellationToken.None);

            Console.Error.WriteLine($"{rate} mentions/s for {seconds} s over {processes} process(es) on {(postgres is null ? "SQLite" : "PostgreSQL")}...");
            var result = await load.RunFixedRateAsync(requests, rate, cancel.Token);
            await sampling.CancelAsync();
            await sampler;
            var loadAtEnd = MachineLoad.Read();

            Console.Error.WriteLine("waiting for every diagnosis...");
            var drain = Stopwatch.StartNew();
            var threads = Enumerable.Range(1, total).Select(SignedMention.Ts).ToList();
            var waiting = threads;
            while (drain.Elapsed < TimeSpan.FromSeconds(drainSeconds))
            {
                waiting = [.. waiting.Where(t => !posts.Shows(t, BotProcess.DiagnosisSummary))];
                if (waiting.Count == 0)
                {
                    break;
                }

                await Task.Delay(1000, cancel.Token);
            }

            var drained = drain.Elapsed;
            // A moment more, so that a second answer on its way would be counted.
            await Task.Delay(TimeSpan.FromSeconds(3), cancel.Token);
            var counts = threads.Select(posts.Posts).ToList();
            var lost = counts.Count(c => c == 0);
            var duplicated = counts.Count(c => c > 1);
            var diagnosed = threads.Count(t => posts.Shows(t, BotProcess.DiagnosisSummary));
            var alive = bots.Count(b => !b.HasExited);

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"### Load: {rate} signed mentions/s for {seconds} s, {processes} bot process(es) on {(postgres is null ? "SQLite" : "PostgreSQL")}"));
            Console.WriteLine();
            Console.WriteLine("| mentions | non-200 | achieved rate | ack p50 ms | p90 ms | p99 ms | max ms | unanswered after the drain | duplicated | diagnoses posted | all posted after |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(inv, $"| {total} | {result.NonOk} | {result.AchievedRate:0.0}/s | {result.P50:0.0} | {result.P90:0.0} | {result.P99:0.0} | {result.Max:0} | {lost} | {duplicated} | {diagnosed} | {(waiting.Count == 0 ? string.Create(inv, $"{drained.TotalSeconds:0} s") : "not within the drain time")} |"));
            Console.WriteLine();
            Console.WriteLine("| process | resident MB at 10 s | at the end of the run | peak | growth |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            var flat = true;
            for (var i = 0; i < bots.Count; i++)
            {
                var samples = memory[i].Where(m => !double.IsNaN(m)).ToList();
                // From 10 s in (start-up and the first jit done) to the last second of the run.
                var early = samples.Count > 10 ? samples[10] : samples.FirstOrDefault();
                var end = samples.LastOrDefault();
                var growth = early > 0 ? (end / early) - 1 : double.NaN;
                flat &= growth < 0.10;
                Console.WriteLine(string.Create(inv, $"| load-{i} | {early:0} | {end:0} | {(samples.Count > 0 ? samples.Max() : double.NaN):0} | {growth:+0.0%;-0.0%} |"));
            }

            if (threads.FirstOrDefault(t => !posts.Shows(t, BotProcess.DiagnosisSummary)) is { } undiagnosed)
            {
                var shown = posts.Last(undiagnosed) ?? "nothing";
                Console.WriteLine();
                Console.WriteLine($"The thread of mention {undiagnosed} shows instead: {shown[..Math.Min(shown.Length, 600)]}");
            }

            var once = result.NonOk == 0 && lost == 0 && duplicated == 0 && diagnosed == total && alive == bots.Count;
            var met = once && result.P99 < 50 && flat;
            Console.WriteLine();
            Console.WriteLine(string.Create(inv, $"Targets (zero lost, zero duplicated, every diagnosis posted, ack p99 < 50 ms, memory growth < 10%): {(met ? "met" : "NOT met")}; exactly once (nothing refused, lost or duplicated, every diagnosis posted, every process alive): {(once ? "met" : "NOT met")}. Load average (1, 5, 15 min) before: {loadBefore}; at the end of the sending: {loadAtEnd}; after the drain: {MachineLoad.Read()}."));
            return (gate == "all" ? met : once) ? 0 : 1;
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }

            if (postgres is not null)
            {
                await SlackAckBenchmark.DropDatabaseAsync(postgres);
            }

            WorkFolder.Delete(work);
        }
    }
}
