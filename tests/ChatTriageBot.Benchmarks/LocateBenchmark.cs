using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using LibGit2Sharp;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// File-level localization on real bug reports (the bench JSONL: report, repository, base commit, files the real fix
/// changed): our <see cref="CodeRanker"/> against a plain BM25 over the same files, in one run. Reports whose
/// repository mirror or commit is not on this machine are skipped and counted. <c>--without</c> switches signals off;
/// <c>--ablate</c> also ranks every report with each signal off in turn (<see cref="LocateAblation"/>).
/// </summary>
internal static class LocateBenchmark
{
    private static readonly int[] Budgets = [13_000, 27_000, 50_000];

    /// <summary>The options <c>locate</c> takes.</summary>
    public static readonly string[] Options = ["data", "mirrors", "repo", "limit", "id", "history", "baseline", "trace", "prepare", "tree", "dump", "without"];

    /// <summary>The flags <c>locate</c> takes.</summary>
    public static readonly string[] Flags = ["ablate"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var data = arguments.String("data") ?? "../shared/bench/localization-dev.jsonl";
        var mirrors = arguments.String("mirrors") ?? "/work/.mirror";
        var only = arguments.String("repo");
        var limit = arguments.Int("limit", int.MaxValue, minimum: 1);
        var ids = arguments.String("id")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var withHistory = arguments.String("history") is not ("off" or "false" or "no");
        var withBaseline = arguments.String("baseline") is not ("off" or "false" or "no");
        var trace = arguments.String("trace") is "on" or "true" or "yes";

        // --without SIGNAL[,SIGNAL]: rank with those signals off (CodeRanker.SignalNames).
        RankingOptions options;
        try
        {
            options = RankingOptions.Without((arguments.String("without") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        catch (ArgumentException exception)
        {
            throw new BenchmarkUsageException($"--without: {exception.Message.Split(" (Parameter", 2)[0]}");
        }

        var ablation = arguments.Flag("ablate") ? new LocateAblation(options) : null;

        // --prepare off: the first query on a commit also builds what ranking derives once per commit, as for a triage
        // pinned to a commit the refresh job did not prepare (an older one, named by a link).
        var prepared = arguments.String("prepare") is not ("off" or "false" or "no");

        // --tree owner/name=GITDIR[,owner/name=GITDIR]: rank that repository's reports against the newest commit of
        // GITDIR (a release's source tree) instead of their base commits. An estimate for repositories whose history is
        // too large to mirror here: the files differ from each base commit's, and a one-commit history says nothing.
        var trees = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (arguments.String("tree") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Split('=', 2) is not [{ Length: > 0 } repository, { Length: > 0 } tree] || !Repository.IsValid(tree))
            {
                Console.Error.WriteLine($"--tree {entry}: expected owner/name=GITDIR, a git repository (make one with release-tree.sh)");
                return 2;
            }

            trees[repository] = tree;
        }

        using var dump = arguments.String("dump") is { } dumpPath ? new StreamWriter(dumpPath) : null;
        if (!File.Exists(data))
        {
            Console.Error.WriteLine($"no bench data at {data} (pass --data PATH)");
            return 1;
        }

        var reports = File.ReadLines(data).Where(l => l.Length > 0).Select(Report.Parse)
            .Where(r => (only is null || r.Repository == only) && (ids is null || ids.Contains(r.Id)))
            .GroupBy(r => r.Repository).SelectMany(g => g.Take(limit)).ToList();

        var counter = new TokenCounter("gpt-4.1-mini");
        var work = Directory.CreateTempSubdirectory("ctb-locate-");
        using var indexes = new CodeIndexStore(Path.Combine(work.FullName, "index"));
        var ours = new List<Outcome>();
        var botQueryMs = new List<double>();
        var prepareMs = new List<double>();
        var baseline = new List<Outcome>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            var tree = trees.GetValueOrDefault(report.Repository);
            var gitDirectory = tree ?? FindMirror(mirrors, report.Repository);
            if (gitDirectory is null)
            {
                Count(skipped, $"{report.Repository}: no mirror on this machine");
                continue;
            }

            try
            {
                var build = Stopwatch.StartNew();
                using var snapshot = await RepositorySnapshot.OpenAsync(gitDirectory, tree is null ? report.Commit : "HEAD", work.FullName);
                var index = indexes.Open(snapshot, cancellationToken: default);
                var history = withHistory ? await indexes.HistoryAsync(snapshot) : null;
                var prepare = Stopwatch.StartNew();
                if (prepared)
                {
                    // What the mirror refresh job does for the newest commit after a fetch.
                    await CodeRanker.PrepareAsync(index, snapshot.ReadText, history);
                }

                prepareMs.Add(prepare.Elapsed.TotalMilliseconds);
                var buildMs = build.Elapsed.TotalMilliseconds;
                var gold = report.Gold.Where(g => !TestFileClassifier.IsTest(g)).ToList();
                if (gold.Count == 0 || gold.Any(g => !snapshot.Contains(g)))
                {
                    Count(skipped, tree is null
                        ? $"{report.Repository}: a gold file is missing at the base commit (damaged snapshot)"
                        : $"{report.Repository}: a gold file is not in the release tree");
                    continue;
                }

                // Garbage left by earlier reports and by the baseline (which tokenizes every file) is collected before
                // each timed query, as a benchmark harness does between iterations, so a query is not charged for it.
                // The bot asks for the best ten (Triage: Top): timed first, on the fresh snapshot, as a triage runs it,
                // then the best 50 the metrics need. Reads are timed apart: reading texts from git is most of a slow
                // query's time.
                var readWatch = new Stopwatch();
                var readCount = 0;
                long readChars = 0;
                string? TimedRead(string path)
                {
                    readWatch.Start();
                    var t = snapshot.ReadText(path);
                    readWatch.Stop();
                    readCount++;
                    readChars += t?.Length ?? 0;
                    return t;
                }

                Settle();
                var botQuery = Stopwatch.StartNew();
                _ = CodeRanker.RankIndex(index, TimedRead, report.Text, CodeReferenceExtractor.Extract(report.Text), 10, history, options);
                botQueryMs.Add(botQuery.Elapsed.TotalMilliseconds);

                Settle();
                var query = Stopwatch.StartNew();
                var rankedFiles = CodeRanker.RankIndex(index, snapshot.ReadText, report.Text, CodeReferenceExtractor.Extract(report.Text), 50, history, options);
                var queryMs = query.Elapsed.TotalMilliseconds;
                if (trace)
                {
                    Console.Error.WriteLine($"{report.Id}: {botQueryMs[^1]:F1} ms, reads {readCount} ({readChars / 1024} KiB) {readWatch.Elapsed.TotalMilliseconds:F1} ms, prepared in {prepareMs[^1]:F1} ms");
                }
                var ranked = rankedFiles.Select(r => r.Path).ToList();
                var outcome = Outcome.Of(report.Repository, gold, ranked, snapshot, counter, buildMs, queryMs);
                ours.Add(outcome);
                ablation?.Add(index, snapshot.ReadText, report.Text, history, gold, outcome.First);
                dump?.WriteLine(JsonSerializer.Serialize(new
                {
                    report.Id,
                    outcome.First,
                    QueryMs = queryMs,
                    BotQueryMs = botQueryMs[^1],
                    Gold = gold.Select(g => new { Path = g, Rank = ranked.IndexOf(g) + 1 }),
                    Top = rankedFiles.Take(10).Select(r => new { r.Path, r.Score, r.Reasons }),
                }));
                if (!withBaseline)
                {
                    Console.Error.Write('.');
                    continue;
                }

                var baselineBuild = Stopwatch.StartNew();
                var bm25 = new Bm25Baseline(snapshot.TextFiles);
                var baselineBuildMs = baselineBuild.Elapsed.TotalMilliseconds;
                var baselineQuery = Stopwatch.StartNew();
                var baselineRanked = bm25.Rank(report.Text, 50);
                baseline.Add(Outcome.Of(report.Repository, gold, baselineRanked, snapshot, counter, baselineBuildMs, baselineQuery.Elapsed.TotalMilliseconds));
                Console.Error.Write('.');
            }
            catch (RepositoryException exception)
            {
                Count(skipped, $"{report.Repository}: {(exception.Message.Contains("does not exist", StringComparison.Ordinal) ? "base commit not in the mirror" : "snapshot could not be read")}");
            }
        }

        Console.Error.WriteLine();
        if (options.DisabledSignals.Count > 0)
        {
            Console.WriteLine($"Signals off: {string.Join(", ", options.DisabledSignals.Order(StringComparer.Ordinal))}.");
            Console.WriteLine();
        }

        Print(ours, baseline, skipped, reports.Count, botQueryMs, prepared ? prepareMs : null);
        ablation?.Print();
        indexes.Dispose();
        work.Delete(recursive: true);
        return 0;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static string? FindMirror(string mirrors, string repository)
    {
        // owner+name as fetch names a repository's snapshot; swe-bench+owner__name for SWE-bench's own mirrors of the
        // repositories its reports come from: they hold every base commit, and django's, matplotlib's and
        // scikit-learn's are small enough to fetch here where the originals are not.
        var folders = new[] { repository.Replace('/', '+'), "swe-bench+" + repository.Replace("/", "__", StringComparison.Ordinal) }
            .Select(name => Path.Combine(mirrors, name));
        foreach (var candidate in folders.SelectMany(folder => new[] { Path.Combine(folder, "repo"), folder }))
        {
            if (Directory.Exists(candidate) && Repository.IsValid(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static void Count(Dictionary<string, int> skipped, string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

    private static void Print(List<Outcome> ours, List<Outcome> baseline, Dictionary<string, int> skipped, int total, List<double> botQueryMs, List<double>? prepareMs)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"### File-level localization: {ours.Count} of {total} reports measured"));
        Console.WriteLine();
        Console.WriteLine("| repository | ranker | n | any@1 | any@3 | any@5 | any@10 | all@5 | all@10 | MRR | in 13k | in 27k | in 50k | build ms (median) | query ms (median) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var repository in ours.Select(o => o.Repository).Distinct().Order(StringComparer.Ordinal).Append("**all measured**"))
        {
            foreach (var (name, outcomes) in new[] { ("ours", ours), ("BM25", baseline) })
            {
                var set = repository == "**all measured**" ? outcomes : outcomes.Where(o => o.Repository == repository).ToList();
                if (set.Count == 0)
                {
                    continue;
                }

                Console.WriteLine(string.Create(inv,
                    $"| {repository} | {name} | {set.Count} | {Rate(set, o => o.First is <= 1)} | {Rate(set, o => o.First is <= 3)} | {Rate(set, o => o.First is <= 5)} | {Rate(set, o => o.First is <= 10)} | {Rate(set, o => o.Last is <= 5)} | {Rate(set, o => o.Last is <= 10)} | {set.Average(o => o.First is { } r ? 1.0 / r : 0):0.00} | {Rate(set, o => o.InBudget[0])} | {Rate(set, o => o.InBudget[1])} | {Rate(set, o => o.InBudget[2])} | {Median(set.Select(o => o.BuildMs)):0} | {Median(set.Select(o => o.QueryMs)):0.0} |"));
            }
        }

        if (botQueryMs.Count > 0)
        {
            var sorted = botQueryMs.Order().ToList();
            Console.WriteLine();
            Console.WriteLine(string.Create(inv,
                $"Query for the best 10 (what a triage asks, first on its commit): median {Median(sorted):0.0} ms, p90 {sorted[(int)(sorted.Count * 0.9)]:0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Count} reports; {(prepareMs is null ? "nothing prepared beforehand (--prepare off)" : string.Create(inv, $"after the ranker's per-commit lookups were prepared, as the refresh job does (median {Median(prepareMs):0.0} ms, in build ms)"))}."));
        }

        if (skipped.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Skipped:");
            foreach (var (reason, count) in skipped.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(inv, $"- {count} × {reason}"));
            }
        }
    }

    private static string Rate(List<Outcome> set, Func<Outcome, bool> hit) =>
        (set.Count(hit) / (double)set.Count).ToString("0.00", CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private sealed record Report(string Id, string Repository, string Commit, string Text, IReadOnlyList<string> Gold)
    {
        public static Report Parse(string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new Report(
                root.GetProperty("instance_id").GetString()!,
                root.GetProperty("repo").GetString()!,
                root.GetProperty("base_commit").GetString()!,
                root.GetProperty("problem_statement").GetString()!,
                [.. root.GetProperty("gold_files").EnumerateArray().Select(g => g.GetString()!)]);
        }
    }

    /// <summary>One report's result for one ranker: 1-based ranks of the first and last gold file (null: not in the top 50).</summary>
    private sealed record Outcome(string Repository, int? First, int? Last, bool[] InBudget, double BuildMs, double QueryMs)
    {
        public static Outcome Of(string repository, List<string> gold, IReadOnlyList<string> ranked, RepositorySnapshot snapshot, TokenCounter counter, double buildMs, double queryMs)
        {
            var ranks = gold.Select(g => ranked.ToList().IndexOf(g) is var i and >= 0 ? i + 1 : (int?)null).ToList();
            var first = LocateAblation.FirstRank(gold, ranked);
            var last = ranks.Any(r => r is null) ? null : ranks.Max();
            var inBudget = new bool[Budgets.Length];
            var used = 0L;
            var found = new HashSet<string>(StringComparer.Ordinal);
            var budgetIndex = 0;
            foreach (var path in ranked)
            {
                used += counter.Count(snapshot.ReadText(path) ?? string.Empty);
                while (budgetIndex < Budgets.Length && used > Budgets[budgetIndex])
                {
                    inBudget[budgetIndex] = gold.All(found.Contains);
                    budgetIndex++;
                }

                if (budgetIndex == Budgets.Length)
                {
                    break;
                }

                found.Add(path);
            }

            for (; budgetIndex < Budgets.Length; budgetIndex++)
            {
                inBudget[budgetIndex] = gold.All(found.Contains);
            }

            return new Outcome(repository, first, last, inBudget, buildMs, queryMs);
        }
    }
}
