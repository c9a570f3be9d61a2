namespace ChatTriageBot.CodeContext;

/// <summary>
/// What a repository's history up to one commit says about its files: how often each changed, and which files
/// changed together (co-change). Read from the newest <see cref="MaxCommits"/> non-merge commits reachable from the
/// pinned commit, so nothing after the commit a report was filed against is used. Commits touching more than
/// <see cref="MaxFilesPerCommit"/> files (mass renames, reformatting, vendoring) say nothing about coupling and are left
/// out of the pairs.
/// </summary>
public sealed class ChangeHistory
{
    public const int MaxCommits = 5000;
    public const int MaxFilesPerCommit = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _changes;
    private readonly Dictionary<string, Dictionary<string, int>> _together;

    private ChangeHistory(Dictionary<string, int> changes, Dictionary<string, Dictionary<string, int>> together, int commits)
    {
        _changes = changes;
        _together = together;
        Commits = commits;
    }

    /// <summary>A history that knows nothing (no git, or a repository without commits).</summary>
    public static ChangeHistory Empty { get; } = new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), 0);

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
            "--git-dir", gitDirectory, "log", "--no-merges", "--no-renames", "--name-only", "--format=%x1e",
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

    /// <summary>Parses <c>git log --name-only --format=%x1e</c>: each commit starts with a record separator, then its paths one a line.</summary>
    public static ChangeHistory Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        var together = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var commit = new List<string>();
        var commits = 0;
        void Flush()
        {
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
                commits++;
                continue;
            }

            if (line.Length > 0)
            {
                commit.Add(line);
            }
        }

        Flush();
        return new ChangeHistory(changes, together, commits);
    }
}
