using System.Diagnostics;
using System.Globalization;
using ChatTriageBot.Tests.Slack;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The suite's seeded bad input (<see cref="SlackFuzzCases"/>, linked from the test project) at scale against a real bot
/// process: every case validly signed, to the three Slack endpoints, a few at a time. No answer may be a 5xx and the
/// process must not die; afterwards it is healthy and ready, and a real mention is answered once, with the diagnosis.
/// </summary>
internal static class FuzzBenchmark
{
    /// <summary>The options <c>fuzz</c> takes.</summary>
    public static readonly string[] Options = ["cases", "seed", "concurrency"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var cases = arguments.Int("cases", 100_000, minimum: 1);
        var seed = arguments.Int("seed", 20261207);
        var concurrency = arguments.Int("concurrency", 8, minimum: 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromHours(1));
        var work = Directory.CreateTempSubdirectory("ctb-fuzz-");
        var loadBefore = MachineLoad.Read();
        try
        {
            var posts = new SlackPostLog();
            await using var slack = await LoopbackServer.StartFakeSlackAsync(posts);
            await using var model = await LoopbackServer.StartFakeModelAsync(BotProcess.Diagnosis);
            var repository = BotProcess.CreateRepository(Path.Combine(work.FullName, "repo"));
            await using var bot = await BotProcess.StartAsync("fuzz", Path.Combine(work.FullName, "data"), repository, LoopbackServer.Address(slack), LoopbackServer.Address(model), postgres: null, new Dictionary<string, string>(), cancel.Token);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };

            Console.Error.WriteLine($"{cases} cases (seed {seed}), {concurrency} at a time...");
            var statuses = new Dictionary<(string Kind, int Status), int>();
            var failures = new List<string>();
            var gate = new Lock();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(SlackFuzzCases.Generate(seed, cases), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancel.Token }, async (fuzz, ct) =>
            {
                string outcome;
                int status;
                try
                {
                    using var request = fuzz.Signed(bot.Address, SignedMention.Secret, TimeProvider.System.GetUtcNow());
                    using var response = await client.SendAsync(request, ct);
                    status = (int)response.StatusCode;
                    outcome = status >= 500 ? $"{fuzz.Kind} to {fuzz.Path}: {status}" : string.Empty;
                }
                catch (HttpRequestException e)
                {
                    status = 0;
                    outcome = $"{fuzz.Kind} to {fuzz.Path}: no answer ({e.Message})";
                }

                lock (gate)
                {
                    statuses[(fuzz.Kind, status)] = statuses.GetValueOrDefault((fuzz.Kind, status)) + 1;
                    if (outcome.Length > 0 && failures.Count < 20)
                    {
                        failures.Add(outcome);
                    }
                }
            });
            var elapsed = clock.Elapsed;

            var alive = !bot.HasExited;
            var ready = alive && await bot.IsReadyAsync(client, cancel.Token);
            // A real mention afterwards: answered once, with the diagnosis.
            using (var mention = SignedMention.Create(bot.Address, 1))
            using (var answer = await client.SendAsync(mention, cancel.Token))
            {
                statuses[("real-mention", (int)answer.StatusCode)] = 1;
            }

            var thread = SignedMention.Ts(1);
            var until = Stopwatch.StartNew();
            while (!posts.Shows(thread, BotProcess.DiagnosisSummary) && until.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, cancel.Token);
            }

            // A moment more, in case a second answer were on its way.
            await Task.Delay(TimeSpan.FromSeconds(2), cancel.Token);
            var answered = posts.Shows(thread, BotProcess.DiagnosisSummary);
            var answers = posts.Posts(thread);
            var fiveHundreds = statuses.Where(s => s.Key.Status is >= 500 or 0).Sum(s => s.Value);

            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"### Fuzz: {cases} signed bad requests (seed {seed}, {concurrency} at a time) in {elapsed.TotalSeconds:0} s ({cases / elapsed.TotalSeconds:0}/s)"));
            Console.WriteLine();
            Console.WriteLine("| kind | answers by status |");
            Console.WriteLine("|---|---|");
            foreach (var kind in statuses.GroupBy(s => s.Key.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"| {kind.Key} | {string.Join(", ", kind.OrderBy(s => s.Key.Status).Select(s => string.Create(inv, $"{s.Key.Status}: {s.Value}")))} |");
            }

            Console.WriteLine();
            foreach (var failure in failures)
            {
                Console.WriteLine($"- {failure}");
            }

            var ok = fiveHundreds == 0 && alive && ready && answered && answers == 1;
            Console.WriteLine(string.Create(inv, $"5xx or no answer: **{fiveHundreds}**; process alive: {alive}; healthy and ready afterwards: {ready}; the real mention afterwards answered with the diagnosis: {answered}, bot messages in its thread: {answers}: {(ok ? "met" : "NOT met")}. Load average before / after: {loadBefore} / {MachineLoad.Read()}."));
            return ok ? 0 : 1;
        }
        finally
        {
            WorkFolder.Delete(work);
        }
    }
}
