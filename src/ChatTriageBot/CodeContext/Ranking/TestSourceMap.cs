using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Which product file each test file tests, by the naming conventions of the common ecosystems: <c>test_x.py</c> and
/// <c>x_test.py</c>, <c>x_test.go</c>, <c>x_spec.rb</c>, <c>x.test.ts</c> and <c>x.spec.js</c>, <c>XTest.java</c>,
/// <c>XTests.cs</c> and <c>TestX.java</c>. Among the product files named <c>x</c>, the ones sharing the most folders
/// with the test (test folders aside) win; a test whose subject stays ambiguous (more than
/// <see cref="MaxSubjects"/> files) maps to nothing.
/// </summary>
internal sealed partial class TestSourceMap
{
    public const int MaxSubjects = 3;

    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "spec", "specs", "__tests__", "testing", "unit", "integration", "src", "main", "java", "kotlin", "lib",
    };

    private readonly Dictionary<int, int[]> _subjects;

    private TestSourceMap(Dictionary<int, int[]> subjects) => _subjects = subjects;

    /// <summary>How many test files were mapped to a subject.</summary>
    public int Count => _subjects.Count;

    /// <summary>The product files the test file at <paramref name="document"/> tests (empty when it is not a test or has no clear subject).</summary>
    public IReadOnlyList<int> Subjects(int document) => _subjects.TryGetValue(document, out var subjects) ? subjects : [];

    /// <summary>Every mapped test file with its subjects.</summary>
    public IEnumerable<KeyValuePair<int, int[]>> Tests => _subjects;

    /// <summary>The name a test file's subject would have (<c>tests/test_parser.py</c>: <c>parser</c>), or null for a path that follows no convention.</summary>
    public static string? SubjectStem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path[(path.LastIndexOf('/') + 1)..];
        return SubjectRegex().Match(name) is { Success: true } match
            ? match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).FirstOrDefault(v => v.Length > 0)
            : null;
    }

    public static TestSourceMap Build(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Build(paths, [.. paths.Select(TestFileClassifier.IsTest)], [.. paths.Select(TestFileClassifier.IsDocumentation)]);
    }

    /// <summary>As <see cref="Build(IReadOnlyList{string})"/>, with each path already classified (by <see cref="TestFileClassifier"/>).</summary>
    internal static TestSourceMap Build(IReadOnlyList<string> paths, bool[] isTest, bool[] isDocumentation)
    {
        var byStem = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var tests = new List<(int Document, string Stem)>();
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            if (isTest[i])
            {
                if (SubjectStem(path) is { Length: > 0 } stem)
                {
                    tests.Add((i, stem));
                }

                continue;
            }

            if (isDocumentation[i])
            {
                continue;
            }

            var name = path[(path.LastIndexOf('/') + 1)..];
            var dot = name.LastIndexOf('.');
            var key = dot > 0 ? name[..dot] : name;
            if (!byStem.TryGetValue(key, out var list))
            {
                byStem[key] = list = [];
            }

            list.Add(i);
        }

        var subjects = new Dictionary<int, int[]>();
        foreach (var (test, stem) in tests)
        {
            var folders = Folders(paths[test]);
            if (!byStem.TryGetValue(stem, out var candidates))
            {
                if (QualifiedSubject(stem, byStem, paths) is not { } qualified)
                {
                    continue;
                }

                (candidates, folders) = qualified;
            }

            var best = new List<int>();
            var bestShared = -1;
            foreach (var candidate in candidates)
            {
                var shared = Folders(paths[candidate]).Count(folders.Contains);
                if (shared > bestShared)
                {
                    best.Clear();
                    bestShared = shared;
                }

                if (shared == bestShared)
                {
                    best.Add(candidate);
                }
            }

            if (best.Count is > 0 and <= MaxSubjects)
            {
                subjects[test] = [.. best];
            }
        }

        return new TestSourceMap(subjects);
    }

    /// <summary>
    /// A subject named with its package in front, as flat test folders do (<c>tests/test_pycode_ast.py</c> tests
    /// <c>pycode/ast.py</c>, <c>test_util_typing.py</c> <c>util/typing.py</c>): the longest tail of the name that is a
    /// file stem, among files whose folders hold every word before it. Null when nothing matches.
    /// </summary>
    private static (List<int> Candidates, HashSet<string> Folders)? QualifiedSubject(string stem, Dictionary<string, List<int>> byStem, IReadOnlyList<string> paths)
    {
        var words = stem.Split('_', StringSplitOptions.RemoveEmptyEntries);
        for (var split = 1; split < words.Length; split++)
        {
            var folders = words[..split].ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!byStem.TryGetValue(string.Join('_', words[split..]), out var stems))
            {
                continue;
            }

            var candidates = stems.Where(c => folders.IsSubsetOf(Folders(paths[c]))).ToList();
            if (candidates.Count > 0)
            {
                return (candidates, folders);
            }
        }

        return null;
    }

    /// <summary>The folders of a path that say where the code lives (test and source-root folders aside).</summary>
    private static HashSet<string> Folders(string path)
    {
        var segments = path.Split('/');
        return segments[..^1].Where(s => !TestFolders.Contains(s)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(
        @"^(?:test_(\w+)\.py|(\w+)_test\.(?:py|go|rb|exs?)|test_(\w+)\.rb|(\w+)_spec\.rb|([\w-]+)\.(?:test|spec)\.[cm]?[jt]sx?|(\w+?)Tests?\.(?:cs|java|kt|scala|swift|php|fs|vb)|Test(\w+)\.(?:java|kt|php))$",
        RegexOptions.CultureInvariant)]
    private static partial Regex SubjectRegex();
}
