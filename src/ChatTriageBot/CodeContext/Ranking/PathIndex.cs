using System.Runtime.CompilerServices;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Finds a commit's files by a written path, a file stem or a folder name, and knows which are tests and which
/// documentation. Built once per commit's index and kept as long as the index (<see cref="Of"/>), not per query.
/// </summary>
internal sealed class PathIndex
{
    private static readonly ConditionalWeakTable<CodeIndex, PathIndex> Indexes = new();

    private readonly IReadOnlyList<string> _files;
    private readonly Dictionary<string, List<int>> _byBasename = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _byStem = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _byPath = new(StringComparer.Ordinal);
    private readonly bool[] _isTest;
    private readonly bool[] _isDocumentation;
    private readonly Lazy<TestSourceMap> _tests;
    private readonly Lazy<Dictionary<string, List<int>>> _codeByFolder;
    private readonly Lazy<int[]> _unmappedTests;
    private readonly string[] _templatePaths;
    private IssueTemplate? _template;

    public PathIndex(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;

        // Classified once per commit's index rather than by a regular expression per file and query.
        var isTest = _isTest = [.. files.Select(TestFileClassifier.IsTest)];
        var isDocumentation = _isDocumentation = [.. files.Select(TestFileClassifier.IsDocumentation)];
        _tests = new Lazy<TestSourceMap>(() => TestSourceMap.Build(files, isTest, isDocumentation));
        _codeByFolder = new Lazy<Dictionary<string, List<int>>>(CodeByFolder);
        _unmappedTests = new Lazy<int[]>(() => [.. Enumerable.Range(0, files.Count).Where(i => isTest[i] && Tests.Subjects(i).Count == 0)]);
        _templatePaths = [.. files.Where(IssueTemplate.IsTemplate)];
        for (var i = 0; i < files.Count; i++)
        {
            var basename = Basename(files[i]);
            Add(_byBasename, basename, i);
            var dot = basename.LastIndexOf('.');
            Add(_byStem, dot > 0 ? basename[..dot] : basename, i);
            _byPath[files[i]] = i;
        }
    }

    /// <summary>Which product file each test file tests.</summary>
    public TestSourceMap Tests => _tests.Value;

    /// <summary>The test files that the naming conventions map to no product file.</summary>
    public IReadOnlyList<int> UnmappedTests => _unmappedTests.Value;

    /// <summary>The path lookups of a commit's index, built on first use and kept as long as the index.</summary>
    public static PathIndex Of(CodeIndex index) => Indexes.GetValue(index, i => new PathIndex(i.Paths));

    /// <summary>The lower-cased name of the folder a file is in; empty at the root.</summary>
    public static string FolderName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        if (slash <= 0)
        {
            return string.Empty;
        }

        var start = path.LastIndexOf('/', slash - 1) + 1;
        return path[start..slash].ToLowerInvariant();
    }

    /// <summary>Builds the test-to-source map and the folders' code files now rather than on first use.</summary>
    public void Prepare()
    {
        _ = _tests.Value;
        _ = _codeByFolder.Value;
        _ = _unmappedTests.Value;
    }

    /// <summary>The lines of the commit's issue templates, read on first use.</summary>
    public IssueTemplate Template(Func<string, string?> readText) =>
        LazyInitializer.EnsureInitialized(ref _template, () => _templatePaths.Length == 0 ? IssueTemplate.None : IssueTemplate.From(_templatePaths.Select(readText)));

    /// <summary>Whether the document is a test file, by its path.</summary>
    public bool IsTest(int document) => _isTest[document];

    /// <summary>Whether the document is prose or housekeeping (docs, changelogs, CI), by its path.</summary>
    public bool IsDocumentation(int document) => _isDocumentation[document];

    /// <summary>Whether the document is code: neither a test nor documentation.</summary>
    public bool IsCode(int document) => !_isTest[document] && !_isDocumentation[document];

    /// <summary>The document of an exact path, or null.</summary>
    public int? Find(string path) => _byPath.TryGetValue(path, out var document) ? document : null;

    /// <summary>The code files (not tests, not documentation) directly in folders named <paramref name="folder"/>.</summary>
    public List<int> CodeFilesIn(string folder) => _codeByFolder.Value.TryGetValue(folder, out var files) ? files : [];

    /// <summary>The path of a document.</summary>
    public string PathOf(int document) => _files[document];

    /// <summary>
    /// Files whose path ends with the most trailing segments of <paramref name="path"/>. Full: the whole written
    /// path is a suffix of the file's path, or at least two segments and the file's whole path match.
    /// </summary>
    public (List<int> Matches, bool Full) Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !_byBasename.TryGetValue(segments[^1], out var candidates))
        {
            return ([], false);
        }

        var best = new List<int>();
        var bestDepth = 0;
        var bestFull = false;
        foreach (var candidate in candidates)
        {
            var fileSegments = _files[candidate].Split('/');
            var depth = 0;
            while (depth < segments.Length && depth < fileSegments.Length
                && string.Equals(segments[^(depth + 1)], fileSegments[^(depth + 1)], StringComparison.OrdinalIgnoreCase))
            {
                depth++;
            }

            var full = depth == segments.Length || (depth == fileSegments.Length && depth >= 2);
            if (depth > bestDepth || (depth == bestDepth && full && !bestFull))
            {
                best.Clear();
                bestDepth = depth;
                bestFull = full;
            }

            if (depth == bestDepth && full == bestFull)
            {
                best.Add(candidate);
            }
        }

        // A bare file name is only "named" when the repository has one file of that name.
        return (best, bestFull && (segments.Length > 1 || best.Count == 1));
    }

    /// <summary>Files whose name without extension is <paramref name="stem"/> in any case.</summary>
    public List<int> MatchStemIgnoringCase(string stem) => _byStem.TryGetValue(stem, out var list) ? list : [];

    private Dictionary<string, List<int>> CodeByFolder()
    {
        var byFolder = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < _files.Count; i++)
        {
            var name = FolderName(_files[i]);
            if (name.Length > 0 && IsCode(i))
            {
                Add(byFolder, name, i);
            }
        }

        return byFolder;
    }

    private static string Basename(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static void Add(Dictionary<string, List<int>> index, string key, int value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}
