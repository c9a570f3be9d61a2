namespace ChatTriageBot.CodeContext;

/// <summary>
/// What a repository's history up to one commit says about its files: how often each changed, and which files
/// changed together (co-change). Read from the newest <see cref="MaxCommits"/> non-merge commits reachable from the
/// pinned commit, so nothing after the commit a report was filed against is used. Commits touching more than
/// <see cref="MaxFilesPerCommit"/> files (mass renames, reformatting, vendoring) say nothing about coupling and are left
/// out of the pairs.
/// </summary>
internal sealed class ChangeHistory
{
    public const int MaxCommits = 5000;
    public const int MaxFilesPerCommit = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _changes;
    private readonly Dictionary<string, Dictionary<string, int>> _together;
    private readonly List<PastChange> _log;
    private readonly SubjectIndex _subjects;

    private ChangeHistory(Dictionary<string, int> changes, Dictionary<string, Dictionary<string, int>> together, List<PastChange> log, int commits)
    {
        _changes = changes;
        _together = together;
        _log = log;
        _subjects = new SubjectIndex(log);
        Commits = commits;
    }

    /// <summary>A history that knows nothing (no git, or a repository without commits).</summary>
    public static ChangeHistory Empty { get; } = new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), [], 0);

    /// <summary>How many commits were read.</summary>
    public int Commits { get; }

    /// <summary>How many of the commits read changed <paramref name="path"/>.</summary>
    public int Changes(string path) => _changes.GetValueOrDefault(path);

    /// <summary>
    /// Files changed in the same commits as <paramref name="path"/> at least <paramref name="minimum"/> times, with the
    /// share of <paramref name="path"/>'s changes that also changed them (0..1), most coupled first.
    /// </summary>
    public IEnumerable<(string Path, double Confidence)> ChangedWith(string path, int minimum = 2)
    {
        if (!_together.TryGetValue(path, out var partners) || !_changes.TryGetValue(path, out var changes) || changes == 0)
        {
            return [];
        }

        return partners.Where(p => p.Value >= minimum)
            .Select(p => (p.Key, (double)p.Value / changes))
            .OrderByDescending(p => p.Item2)
            .ThenBy(p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// The past changes whose subject line reads most like a text of <paramref name="terms"/> (BM25 over the commits'
    /// subjects, each term weighted as given), best first, at most <paramref name="top"/>: a bug much like an earlier
    /// one is often fixed in the files the earlier fix changed. Only commits of at most <see cref="MaxFilesPerCommit"/>
    /// files are kept (a sweeping change says nothing about where one bug lives).
    /// </summary>
    public IReadOnlyList<(PastChange Change, double Score)> SimilarChanges(IReadOnlyList<string> terms, IReadOnlyList<double> weights, int top)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(weights);
        return _subjects.Search(terms, weights, top);
    }

    /// <summary>
    /// Reads the history of <paramref name="commit"/> in the git directory <paramref name="gitDirectory"/> with the git
    /// executable. History only sharpens the ranking, so a repository git cannot read (or a log that takes longer than
    /// a minute) gives <see cref="Empty"/> rather than failing the triage.
    /// </summary>
    public static async Task<ChangeHistory> ReadAsync(string gitDirectory, string commit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(gitDirectory);
        ArgumentException.ThrowIfNullOrEmpty(commit);
        string[] arguments =
        [
            "--git-dir", gitDirectory, "log", "--no-merges", "--no-renames", "--name-only", "--format=%x1e%s",
            "-n", MaxCommits.ToString(System.Globalization.CultureInfo.InvariantCulture), commit, "--",
        ];
        try
        {
            var result = await GitCommand.RunAsync(arguments, Timeout, cancellationToken);
            return result.Succeeded ? Parse(new StringReader(result.StandardOutput)) : Empty;
        }
        catch (RepositoryException)
        {
            return Empty;
        }
    }

    /// <summary>
    /// Parses <c>git log --name-only --format=%x1e%s</c>: each commit starts with a record separator and its subject,
    /// then its paths one a line.
    /// </summary>
    public static ChangeHistory Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var commit = new List<string>();
        var log = new List<PastChange>();
        string? subject = null;
        var commits = 0;
        void Flush()
        {
            if (subject is { Length: > 0 } && commit.Count is > 0 and <= MaxFilesPerCommit)
            {
                log.Add(new PastChange(subject, [.. commit]));
            }

            foreach (var path in commit)
            {
                changes[path] = changes.GetValueOrDefault(path) + 1;
            }

            if (commit.Count is > 1 and <= MaxFilesPerCommit)
            {
                foreach (var a in commit)
                {
                    if (!together.TryGetValue(a, out var partners))
                    {
                        together[a] = partners = new Dictionary<string, int>(StringComparer.Ordinal);
                    }

                    foreach (var b in commit)
                    {
                        if (!string.Equals(a, b, StringComparison.Ordinal))
                        {
                            partners[b] = partners.GetValueOrDefault(b) + 1;
                        }
                    }
                }
            }

            commit.Clear();
        }

        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('\u001e'))
            {
                Flush();
                subject = line[1..].Trim();
                commits++;
                continue;
            }

            if (line.Length > 0)
            {
                commit.Add(line);
            }
        }

        Flush();
        return new ChangeHistory(changes, together, log, commits);
    }

    /// <summary>
    /// Commit subjects as a small BM25 index, built with the history (a few milliseconds for 5,000 commits, against the
    /// hundreds git takes to write the log): terms are numbered, and a subject's tokens are counted without a string for
    /// each, so a query never waits for it.
    /// </summary>
    private sealed class SubjectIndex
    {
        private const double K1 = 1.2;
        private const double B = 0.75;

        private readonly List<PastChange> _log;
        private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
        private readonly List<List<(int Commit, int Count)>> _postings = [];
        private readonly int[] _lengths;
        private readonly double _averageLength;

        public SubjectIndex(List<PastChange> log)
        {
            _log = log;
            _lengths = new int[log.Count];
            var sink = new TermSink(_terms.GetAlternateLookup<ReadOnlySpan<char>>(), []);
            for (var c = 0; c < log.Count; c++)
            {
                sink.Terms.Clear();
                CodeTokenizer.Tokenize(log[c].Subject, ref sink);
                var terms = sink.Terms;
                _lengths[c] = terms.Count;
                terms.Sort();
                for (var i = 0; i < terms.Count;)
                {
                    var run = i;
                    while (run < terms.Count && terms[run] == terms[i])
                    {
                        run++;
                    }

                    if (terms[i] == _postings.Count)
                    {
                        _postings.Add([]);
                    }

                    _postings[terms[i]].Add((c, run - i));
                    i = run;
                }
            }

            _averageLength = log.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
        }

        public List<(PastChange Change, double Score)> Search(IReadOnlyList<string> terms, IReadOnlyList<double> weights, int top)
        {
            var scores = new Dictionary<int, double>();
            for (var t = 0; t < terms.Count; t++)
            {
                if (!_terms.TryGetValue(terms[t], out var term))
                {
                    continue;
                }

                var postings = _postings[term];
                var idf = Math.Log(1 + ((_log.Count - postings.Count + 0.5) / (postings.Count + 0.5)));
                var weight = t < weights.Count ? weights[t] : 1;
                foreach (var (commit, count) in postings)
                {
                    var norm = count * (K1 + 1) / (count + (K1 * (1 - B + (B * _lengths[commit] / _averageLength))));
                    scores[commit] = scores.GetValueOrDefault(commit) + (weight * idf * norm);
                }
            }

            return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(top).Select(s => (_log[s.Key], s.Value))];
        }

        /// <summary>Numbers each token, adding a term (the only string made) the first time it is seen.</summary>
        private readonly struct TermSink(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, List<int> terms) : ITokenSink
        {
            public List<int> Terms { get; } = terms;

            public void Add(ReadOnlySpan<char> token)
            {
                if (!lookup.TryGetValue(token, out var term))
                {
                    term = lookup.Dictionary.Count;
                    lookup[token] = term;
                }

                Terms.Add(term);
            }
        }
    }
}

/// <summary>One commit of a <see cref="ChangeHistory"/>: its subject line and the files it changed.</summary>
internal sealed record PastChange(string Subject, IReadOnlyList<string> Files);
