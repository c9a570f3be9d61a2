using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The code index against the speed and memory targets, on generated repositories of realistic shape (a
/// 10,000-file one and a 50,000-file one, built with <c>git fast-import</c>) and, when given, on a real mirror: cold
/// index (and reading the commit's history), re-index after 100 changed files, query time, and memory with the index
/// held. The baseline, in the same run, is what the foundation's ranker did: tokenize the whole commit for every query.
/// </summary>
internal static class IndexBenchmark
{
    private static readonly string[] Queries =
    [
        "NullReferenceException in OrderService.ComputeTotal when the cart is empty",
        "KeyError: 'customer_id' raised from invoice_export.render_pdf after upgrading",
        "timeout while syncing inventory_levels with the warehouse adapter",
        "ValueError: could not convert string to float in parse_amount for refund requests",
        "the shipping_rate calculator returns 0 for international parcels",
    ];

    /// <summary>The options <c>index</c> takes; <c>measure</c> and <c>changed</c> are the child process's.</summary>
    public static readonly string[] Options = ["files", "large-files", "repo", "baseline", "heap-limit-mb", "measure", "changed"];

    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        if (arguments.String("measure") is { } measured)
        {
            // The child process: only what the bot does with a repository, so its memory is the index's.
            var work = Directory.CreateTempSubdirectory("ctb-index-child-");
            try
            {
                var figures = await MeasureIndexAsync(measured, work.FullName, arguments.String("changed") is "HEAD" ? "HEAD" : null);
                Console.WriteLine(FiguresPrefix + JsonSerializer.Serialize(figures));
                return 0;
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }

        var small = arguments.Int("files", 10_000);
        var large = arguments.Int("large-files", 50_000);
        var real = arguments.String("repo");
        var baseline = arguments.String("baseline") is not "off";
        var heapLimitMb = arguments.Int("heap-limit-mb", 0);
        var root = Directory.CreateTempSubdirectory("ctb-index-");
        try
        {
            Console.WriteLine("### Code index (2 cores)");
            Console.WriteLine();
            Console.WriteLine("| repository | files | cold index s | re-index 100 changed s | query ms (median of 25) | baseline query ms (median of 5) | managed MB with index | private MB | working set MB (git packs mapped) | peak working set MB |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var files in new[] { small, large }.Where(n => n > 0))
            {
                var repository = Path.Combine(root.FullName, $"generated-{files}");
                Console.Error.WriteLine($"generating {files} files...");
                await GenerateAsync(repository, files, changed: 100);
                await MeasureAsync(repository, $"generated, {files:N0} files", root.FullName, "HEAD", baseline, heapLimitMb);
            }

            if (real is not null)
            {
                await MeasureAsync(real, Path.GetFileName(Path.GetDirectoryName(real.TrimEnd('/')) ?? real), root.FullName, null, baseline, heapLimitMb);
            }

            return 0;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private const string FiguresPrefix = "index-figures ";

    /// <summary>What one repository's index cost, measured in a process that did nothing else.</summary>
    private sealed record IndexFigures(
        int Files, double ColdSeconds, double? ReindexSeconds, int Tokenized, double QueryMs, double ManagedMb, double PrivateMb, double WorkingSetMb, double MappedPacksMb, double PeakWorkingSetMb);

    /// <summary>
    /// The index figures from a child process (this program with <c>--measure</c>), so the memory figures are not
    /// those of generating the repository or of the baseline; then the baseline here.
    /// </summary>
    private static async Task MeasureAsync(string repository, string name, string work, string? changedCommit, bool baseline, int heapLimitMb)
    {
        var inv = CultureInfo.InvariantCulture;
        var figures = await MeasureInChildAsync(repository, changedCommit, heapLimitMb);
        var reindex = figures.ReindexSeconds is { } seconds ? string.Create(inv, $"{seconds:0.00} ({figures.Tokenized} tokenized)") : "n/a";
        double? baselineMs = baseline ? await MeasureBaselineAsync(repository, work, changedCommit) : null;
        Console.WriteLine(string.Create(inv,
            $"| {name} | {figures.Files:N0} | {figures.ColdSeconds:0.00} | {reindex} | {figures.QueryMs:0.0} | {(baselineMs is { } ms ? ms.ToString("0", inv) : "not run")} | {figures.ManagedMb:0} | {figures.PrivateMb:0} | {figures.WorkingSetMb:0} ({figures.MappedPacksMb:0}) | {figures.PeakWorkingSetMb:0} |"));
    }

    private static async Task<IndexFigures> MeasureInChildAsync(string repository, string? changedCommit, int heapLimitMb)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (heapLimitMb > 0)
        {
            // As in a container with a memory limit, where .NET caps its heap at 75% of the limit by itself.
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heapLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
        }

        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(IndexBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "index", "--measure", repository, "--changed", changedCommit ?? "none" })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(FiguresPrefix, StringComparison.Ordinal));
        return child.ExitCode == 0 && line is not null
            ? JsonSerializer.Deserialize<IndexFigures>(line[FiguresPrefix.Length..])!
            : throw new InvalidOperationException($"The measuring process exited with {child.ExitCode}: {output}");
    }

    /// <summary>Cold index of HEAD~1 (or HEAD), then HEAD (100 files changed) with the store warm, then queries.</summary>
    private static async Task<IndexFigures> MeasureIndexAsync(string repository, string work, string? changedCommit)
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var store = new CodeIndexStore(Path.Combine(work, "index-" + Guid.NewGuid().ToString("N")[..8]));
        var first = changedCommit is null ? null : "HEAD~1";
        IndexStats coldStats;
        double coldSeconds;
        var watch = Stopwatch.StartNew();
        using (var cold = await RepositorySnapshot.OpenAsync(repository, first, work))
        {
            watch.Restart();
            var coldHistory = store.HistoryAsync(cold);

            // Like a triage, nothing here holds an index between calls: the store keeps what it keeps.
            _ = store.Open(cold, out coldStats);
            _ = await coldHistory;
            coldSeconds = watch.Elapsed.TotalSeconds;
        }

        double? reindexSeconds = null;
        var tokenized = 0;
        if (changedCommit is not null)
        {
            using var next = await RepositorySnapshot.OpenAsync(repository, changedCommit, work);
            watch.Restart();
            var nextHistory = store.HistoryAsync(next);
            _ = store.Open(next, out var nextStats);
            _ = await nextHistory;
            reindexSeconds = watch.Elapsed.TotalSeconds;
            tokenized = nextStats.Tokenized;
        }

        using var snapshot = await RepositorySnapshot.OpenAsync(repository, changedCommit, work);
        var history = await store.HistoryAsync(snapshot);
        // One untimed round first: this process is fresh, and the ranker's code is not compiled yet.
        foreach (var text in Queries)
        {
            _ = CodeRanker.RankIndex(store.Open(snapshot), snapshot.ReadText, text, CodeReferenceExtractor.Extract(text), 10, history);
        }

        var times = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var text = Queries[i % Queries.Length];
            watch.Restart();
            _ = CodeRanker.RankIndex(store.Open(snapshot), snapshot.ReadText, text, CodeReferenceExtractor.Extract(text), 10, history);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        var managed = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;
        var memory = ProcessMemory.Read();
        return new IndexFigures(coldStats.Files, coldSeconds, reindexSeconds, tokenized, Median(times), managed,
            memory.PrivateMb, memory.WorkingSetMb, memory.MappedPacksMb, memory.PeakWorkingSetMb);
    }

    /// <summary>What the foundation's ranker did for every query: tokenize the whole commit, then rank (median of 5).</summary>
    private static async Task<double> MeasureBaselineAsync(string repository, string work, string? changedCommit)
    {
        var watch = new Stopwatch();
        var baseline = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            using var fresh = await RepositorySnapshot.OpenAsync(repository, changedCommit, work);
            var text = Queries[i % Queries.Length];
            watch.Restart();
            var perQuery = CodeIndex.FromTexts(fresh.TextFiles.Select(f => (f.Path, f.BlobId, f.Text)));
            _ = CodeRanker.RankIndex(perQuery, fresh.ReadText, text, CodeReferenceExtractor.Extract(text), 10);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Median(baseline);
    }

    /// <summary>A repository of <paramref name="files"/> code-like files in one commit, then a commit changing <paramref name="changed"/> of them.</summary>
    private static async Task GenerateAsync(string path, int files, int changed)
    {
        Directory.CreateDirectory(path);
        await RunGitAsync(path, null, "init", "-q", "--bare");
        var random = new Random(files);
        var words = Enumerable.Range(0, 6000).Select(_ => Word(random)).Distinct().ToArray();
        var input = new StringBuilder();
        void Commit(string message, IEnumerable<int> which, int generation)
        {
            input.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\ncommitter bench <bench@example.invalid> {1700000000 + generation} +0000\ndata {message.Length}\n{message}\n");
            // A second commit on the same branch in one stream continues from the first by itself.
            foreach (var n in which)
            {
                var content = File(random, words, n, generation);
                input.Append(CultureInfo.InvariantCulture, $"M 100644 inline src/{words[n % 97]}/{words[(n / 97) % 89]}/module_{n}.py\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
            }
        }

        Commit("generated", Enumerable.Range(0, files), 0);
        Commit("change", Enumerable.Range(0, changed).Select(i => i * (files / changed)), 1);
        await RunGitAsync(path, input.ToString(), "fast-import", "--quiet");
        await RunGitAsync(path, null, "symbolic-ref", "HEAD", "refs/heads/main");
    }

    private static string File(Random random, string[] words, int n, int generation)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"\"\"\"Module {n}: {words[random.Next(words.Length)]} {words[random.Next(words.Length)]} handling.\"\"\"\n\n");
        for (var f = 0; f < 6; f++)
        {
            var name = $"{words[random.Next(words.Length)]}_{words[random.Next(words.Length)]}";
            text.Append(CultureInfo.InvariantCulture, $"class {Pascal(words[random.Next(words.Length)])}{Pascal(words[random.Next(words.Length)])}:\n    def {name}(self, {words[random.Next(words.Length)]}, {words[random.Next(words.Length)]}_id):\n");
            for (var l = 0; l < 7; l++)
            {
                text.Append(CultureInfo.InvariantCulture, $"        {words[random.Next(words.Length)]} = self.{words[random.Next(words.Length)]}.{words[random.Next(words.Length)]}({words[random.Next(words.Length)]}, \"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}\")\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"        return {words[random.Next(words.Length)]}  # generation {generation}\n\n");
        }

        return text.ToString();
    }

    private static string Word(Random random) =>
        new([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26)))]);

    private static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static async Task RunGitAsync(string directory, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var errorTask = git.StandardError.ReadToEndAsync();
        try
        {
            if (input is not null)
            {
                await git.StandardInput.WriteAsync(input);
            }

            git.StandardInput.Close();
        }
        catch (IOException)
        {
            // git stopped reading: its error says why.
        }

        var error = await errorTask;
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {arguments[0]} failed: {error}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
