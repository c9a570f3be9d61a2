using System.Globalization;
using System.Text;
using ChatTriageBot.Triage;
using LibGit2Sharp;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// False positives of redaction on real source code (issue 22: at most 1 flagged line per 10,000, over a million lines or
/// more in several languages). Every source file at HEAD of bare mirrors of real projects is redacted whole, as a code
/// section or an attachment is; each line with something redacted is printed, with the format that took it, so a person
/// can read it. Real projects hold deliberate test values (a fake key in a test, an author's email, a password in a
/// settings example), so the figure needs a reader's verdict on each value: a review file (tab-separated: repository,
/// path, format, value as printed, verdict, why) marks each as <c>real-format</c> (a value of the format, which redaction
/// is right to take) or <c>false-positive</c>. The review quotes the projects' code, so it is kept out of the repository
/// (by default in the ignored <c>.bench/</c> folder of the worktree). The figure counts false positives and values
/// nobody reviewed; real-format values are reported beside it. The baseline (the redactor before issue 22, same files,
/// same run) is counted the same way by line, without review.
/// </summary>
internal static class RedactFalsePositiveBenchmark
{
    public static readonly string[] Options = ["mirrors", "list", "review"];

    /// <summary>The mirrors read, and the file extensions of their languages.</summary>
    private static readonly (string Mirror, string Language, string[] Extensions)[] Repositories =
    [
        ("swe-bench+django__django", "Python", [".py"]),
        ("sympy+sympy", "Python", [".py"]),
        ("sphinx-doc+sphinx", "Python", [".py"]),
        ("astropy+astropy", "Python", [".py"]),
        ("swe-bench+matplotlib__matplotlib", "Python", [".py"]),
        ("swe-bench+scikit-learn__scikit-learn", "Python", [".py"]),
        ("JamesNK+Newtonsoft.Json", "C#", [".cs"]),
        ("gin-gonic+gin", "Go", [".go"]),
        ("redis+redis", "C", [".c", ".h"]),
        ("square+okhttp", "Kotlin/Java", [".kt", ".java"]),
        ("expressjs+express", "JavaScript", [".js"]),
    ];

    public static Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var mirrors = arguments.String("mirrors") ?? "/work/.mirror";
        var listFile = arguments.String("list");
        var reviewFile = arguments.String("review") ?? Path.Combine(RepositoryRoot(), ".bench", "redact-fp-review.tsv");
        var review = ReadReview(reviewFile);
        Console.Error.WriteLine(review.Count > 0
            ? $"redact-fp: verdicts on {review.Count} values read from {reviewFile}."
            : $"redact-fp: no review at {reviewFile}; every flagged value counts as unreviewed.");
        var options = new RedactionOptions();
        var none = new HashSet<string>(StringComparer.Ordinal);
        var flagged = new List<Flag>();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("### Redaction false positives on real source code (HEAD of each mirror)");
        Console.WriteLine();
        Console.WriteLine("| repository | language | files | lines | lines flagged | false positive | unreviewed | real format | per 10,000 lines (false + unreviewed) | baseline lines flagged | baseline per 10,000 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        long totalLines = 0, totalBaseline = 0;
        int totalFiles = 0;
        foreach (var (mirror, language, extensions) in Repositories)
        {
            var path = Path.Combine(mirrors, mirror, "repo");
            if (!Directory.Exists(path))
            {
                Console.Error.WriteLine($"redact-fp: {path} is missing; fetch the mirror first (it is left out of the figure).");
                continue;
            }

            using var repository = new Repository(path);
            long lines = 0, baselineLines = 0;
            var files = 0;
            var before = flagged.Count;
            foreach (var (file, text) in SourceFiles(repository.Head.Tip.Tree, string.Empty, extensions))
            {
                files++;
                var lineStarts = LineStarts(text);
                lines += lineStarts.Count;
                var spans = RedactionEngine.Find(text, options, [], none);
                foreach (var line in spans.GroupBy(s => LineOf(lineStarts, s.Start)))
                {
                    var span = line.First();
                    var format = RedactionFormats.All[span.Priority];
                    var value = text[span.Start..span.End];
                    var lineText = LineText(text, lineStarts, line.Key);
                    var verdict = review.GetValueOrDefault(ReviewKey(mirror, file, format.Id, value), "unreviewed");
                    flagged.Add(new Flag(mirror, file, line.Key + 1, format.Id, value, lineText, verdict));
                }

                baselineLines += BaselineFlaggedLines(text);
            }

            var mine = flagged.Skip(before).ToList();
            var falseOrUnreviewed = mine.Count(f => f.Verdict != "real-format");
            Console.WriteLine(string.Create(inv, $"| {mirror} | {language} | {files:N0} | {lines:N0} | {mine.Count} | {mine.Count(f => f.Verdict == "false-positive")} | {mine.Count(f => f.Verdict == "unreviewed")} | {mine.Count(f => f.Verdict == "real-format")} | {falseOrUnreviewed * 10_000.0 / Math.Max(1, lines):0.00} | {baselineLines:N0} | {baselineLines * 10_000.0 / Math.Max(1, lines):0.00} |"));
            totalLines += lines;
            totalFiles += files;
            totalBaseline += baselineLines;
        }

        var falsePositives = flagged.Count(f => f.Verdict != "real-format");
        Console.WriteLine(string.Create(inv, $"| **all** | | {totalFiles:N0} | {totalLines:N0} | {flagged.Count} | {flagged.Count(f => f.Verdict == "false-positive")} | {flagged.Count(f => f.Verdict == "unreviewed")} | {flagged.Count(f => f.Verdict == "real-format")} | **{falsePositives * 10_000.0 / Math.Max(1, totalLines):0.00}** | {totalBaseline:N0} | {totalBaseline * 10_000.0 / Math.Max(1, totalLines):0.00} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(inv, $"Target: at most 1.00 false positive per 10,000 lines over 1,000,000 lines or more. Measured: {falsePositives * 10_000.0 / Math.Max(1, totalLines):0.00} over {totalLines:N0} lines."));

        Console.WriteLine();
        Console.WriteLine("| format | false positive | unreviewed | real format |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var format in flagged.GroupBy(f => f.Format).OrderByDescending(g => g.Count(f => f.Verdict != "real-format")).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(inv, $"| {format.Key} | {format.Count(f => f.Verdict == "false-positive")} | {format.Count(f => f.Verdict == "unreviewed")} | {format.Count(f => f.Verdict == "real-format")} |"));
        }

        var list = new StringBuilder();
        list.AppendLine("verdict\trepository\tpath:line\tformat\tvalue\tline");
        foreach (var flag in flagged.OrderBy(f => f.Verdict, StringComparer.Ordinal).ThenBy(f => f.Format, StringComparer.Ordinal).ThenBy(f => f.Repository, StringComparer.Ordinal))
        {
            list.Append(inv, $"{flag.Verdict}\t{flag.Repository}\t{flag.Path}:{flag.Line}\t{flag.Format}\t{Shorten(flag.Value, 80)}\t{Shorten(flag.LineText.Trim(), 160)}\n");
        }

        Console.WriteLine();
        Console.WriteLine("Flagged lines (verdict, repository, path:line, format, value, line):");
        Console.Write(list.ToString());
        if (listFile is not null)
        {
            File.WriteAllText(listFile, list.ToString());
        }

        return Task.FromResult(0);
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles(Tree tree, string prefix, string[] extensions)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.TargetType == TreeEntryTargetType.Tree)
            {
                foreach (var file in SourceFiles((Tree)entry.Target, path + "/", extensions))
                {
                    yield return file;
                }
            }
            else if (entry.TargetType == TreeEntryTargetType.Blob && extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                var blob = (Blob)entry.Target;
                if (!blob.IsBinary && blob.Size <= 1024 * 1024)
                {
                    yield return (path, blob.GetContentText(Encoding.UTF8));
                }
            }
        }
    }

    /// <summary>Lines the redactor before issue 22 changed (it replaces values in place, so changed lines are compared).</summary>
    private static int BaselineFlaggedLines(string text)
    {
        var redacted = new BaselineRedactor().Redact(text).Text;
        if (redacted == text)
        {
            return 0;
        }

        var before = text.Split('\n');
        var after = redacted.Split('\n');
        return before.Length == after.Length ? before.Zip(after).Count(p => p.First != p.Second) : Math.Abs(before.Length - after.Length) + 1;
    }

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0 && i < text.Length - 1; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        return starts;
    }

    private static int LineOf(List<int> starts, int index)
    {
        var at = starts.BinarySearch(index);
        return at >= 0 ? at : ~at - 1;
    }

    private static string LineText(string text, List<int> starts, int line)
    {
        var end = line + 1 < starts.Count ? starts[line + 1] - 1 : text.Length;
        return text[starts[line]..end];
    }

    private static string Shorten(string text, int max)
    {
        var single = text.ReplaceLineEndings("⏎").Replace('\t', ' ');
        return single.Length <= max ? single : single[..max] + "…";
    }

    private static string ReviewKey(string repository, string path, string format, string value) =>
        $"{repository}\t{path}\t{format}\t{Shorten(value, 80)}";

    /// <summary>The review: one flagged value a line (repository, path, format, value as listed, verdict, why).</summary>
    private static Dictionary<string, string> ReadReview(string file)
    {
        var review = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return review;
        }

        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length >= 5)
            {
                review[$"{fields[0]}\t{fields[1]}\t{fields[2]}\t{fields[3]}"] = fields[4];
            }
        }

        return review;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatTriageBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed record Flag(string Repository, string Path, int Line, string Format, string Value, string LineText, string Verdict);
}
