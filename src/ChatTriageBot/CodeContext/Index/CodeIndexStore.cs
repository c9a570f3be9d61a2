using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ChatTriageBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Keeps the code index of every repository: per blob, its terms (<see cref="BlobTerms"/>) in a SQLite file under
/// <c>Data__Directory/index/</c>, so a restart does not tokenize anything again and a newer commit only tokenizes the
/// files that changed; per commit, the built <see cref="CodeIndex"/> of the last few commits asked for. In memory there
/// is only the index: a newer commit's is built from the last one (files unchanged are copied from its postings) and
/// the term lists of the files that changed, so memory does not grow with every blob the repository ever had.
/// Several processes may share the directory: blob records are immutable (keyed by blob id) and written with
/// <c>INSERT OR REPLACE</c> (a damaged record is simply written again).
/// </summary>
internal sealed class CodeIndexStore : IDisposable
{
    private const int CommitsKept = 2;

    /// <summary>Files read and tokenized together: enough to keep both cores busy, few enough to hold little text.</summary>
    private const int TokenizeBatch = 256;

    /// <summary>Above this many (term, file) pairs an index is large, and only the newest commit's is kept in memory.</summary>
    private const int LargeIndexPostings = 4_000_000;
    private readonly string _directory;
    private readonly ConcurrentDictionary<string, RepositoryIndex> _repositories = new(StringComparer.Ordinal);
    private readonly TermTable _terms = new();

    public CodeIndexStore(IOptions<DataOptions> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _directory = Path.Combine(data.Value.FullPath, "index");
    }

    /// <summary>For tools and tests: a store in <paramref name="directory"/>.</summary>
    public CodeIndexStore(string directory) => _directory = directory;

    /// <summary>
    /// The index of the snapshot's commit: from memory when it was built recently, otherwise built from the blobs'
    /// terms, tokenizing only blobs never seen before. <paramref name="stats"/> tells how much work it took.
    /// </summary>
    public CodeIndex Open(RepositorySnapshot snapshot, CancellationToken cancellationToken = default) => Open(snapshot, out _, cancellationToken);

    public CodeIndex Open(RepositorySnapshot snapshot, out IndexStats stats, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var repository = _repositories.GetOrAdd(Path.GetFullPath(snapshot.RepositoryPath), path => new RepositoryIndex(DatabasePath(path)));
        lock (repository)
        {
            if (repository.Commits.TryGetValue(snapshot.CommitSha, out var cached))
            {
                stats = new IndexStats(cached.Count, 0, 0);
                return cached;
            }

            // Files unchanged since the index built last are copied from it; the others' term lists come from the
            // file on disk, or are tokenized (and written there) now.
            var files = snapshot.Files.Where(f => f.Size <= snapshot.MaxFileBytes && !snapshot.IsSymbolicLink(f.Path)).ToList();
            var previous = repository.Latest;
            var previousDocuments = new Dictionary<string, int>(previous?.Count ?? 0, StringComparer.Ordinal);
            for (var d = 0; d < (previous?.Count ?? 0); d++)
            {
                previousDocuments[previous!.Paths[d]] = d;
            }

            var reused = files.Select(f => previousDocuments.TryGetValue(f.Path, out var d) && previous!.BlobIds[d] == f.BlobId ? d : -1).ToArray();
            var changed = files.Where((f, i) => reused[i] < 0 && !repository.NotText.Contains(f.BlobId)).DistinctBy(f => f.BlobId).ToList();
            var terms = repository.Load([.. changed.Select(f => f.BlobId)], _terms);
            var loaded = terms.Count;
            var unknown = changed.Where(f => !terms.ContainsKey(f.BlobId)).ToList();
            Tokenize(snapshot, unknown, repository, terms, cancellationToken);

            var entries = new List<IndexEntry>(files.Count);
            for (var i = 0; i < files.Count; i++)
            {
                if (reused[i] >= 0)
                {
                    entries.Add(new IndexEntry(files[i].Path, files[i].BlobId, null, reused[i]));
                }
                else if (terms.TryGetValue(files[i].BlobId, out var blob) && blob is not null)
                {
                    entries.Add(new IndexEntry(files[i].Path, files[i].BlobId, blob));
                }
            }

            var index = CodeIndex.Build(entries, _terms, previous);
            repository.Remember(snapshot.CommitSha, index, index.PostingCount > LargeIndexPostings ? 1 : CommitsKept);
            stats = new IndexStats(index.Count, loaded, unknown.Count);

            // A large repository's index replaces the last one (only one is kept) and may have been built from hundreds
            // of MB of term lists: that much memory is free now, in the large-object heap, which the collector does not
            // compact by itself. Compact and return it, rather than hold it for as long as the bot runs.
            if (index.PostingCount > LargeIndexPostings)
            {
                terms.Clear();
                entries.Clear();
                previous = null;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            return index;
        }
    }

    /// <summary>
    /// Tokenizes <paramref name="files"/> a batch at a time (read one after the other, in the order the pack stores
    /// them, tokenized on every core, written to the file on disk), so a cold index never holds the whole repository's
    /// text at once.
    /// </summary>
    private void Tokenize(RepositorySnapshot snapshot, List<RepositoryFile> files, RepositoryIndex repository, Dictionary<string, BlobTerms?> terms, CancellationToken cancellationToken)
    {
        // Sorting means reading the pack's index (28 bytes an object: 18 MB for sympy's history): worth it
        // for a cold index, not for the few files a newer commit changed.
        var ordered = files.Count > TokenizeBatch ? PackOrder.Sort(snapshot.RepositoryPath, files, f => f.BlobId) : files;
        foreach (var batch in ordered.Chunk(TokenizeBatch))
        {
            var texts = batch.Select(f => snapshot.ReadText(f.Path)).ToArray();
            var made = new (string BlobId, BlobTerms? Terms)[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                made[i] = (batch[i].BlobId, texts[i] is { } text ? BlobTerms.From(text, _terms) : null));
            repository.Save(made, _terms);
            foreach (var (blobId, blob) in made)
            {
                terms[blobId] = blob;
            }
        }
    }

    /// <summary>
    /// What the history up to the snapshot's commit says (<see cref="ChangeHistory"/>), read with git once per commit
    /// and kept for the last few commits asked for, like their indexes.
    /// </summary>
    public async Task<ChangeHistory> HistoryAsync(RepositorySnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var repository = _repositories.GetOrAdd(Path.GetFullPath(snapshot.RepositoryPath), path => new RepositoryIndex(DatabasePath(path)));
        lock (repository.Histories)
        {
            if (repository.Histories.TryGetValue(snapshot.CommitSha, out var cached))
            {
                return cached;
            }
        }

        var history = await ChangeHistory.ReadAsync(snapshot.RepositoryPath, snapshot.CommitSha, cancellationToken);
        lock (repository.Histories)
        {
            repository.RememberHistory(snapshot.CommitSha, history, CommitsKept);
        }

        return history;
    }

    public void Dispose()
    {
        foreach (var repository in _repositories.Values)
        {
            repository.Dispose();
        }

        _repositories.Clear();
    }

    private string DatabasePath(string repositoryPath)
    {
        Directory.CreateDirectory(_directory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repositoryPath)))[..16];
        return Path.Combine(_directory, $"{name}.db");
    }

    /// <summary>One repository's blobs (null terms: not text) and its recently built commits.</summary>
    private sealed class RepositoryIndex(string databasePath) : IDisposable
    {
        private readonly List<string> _order = [];
        private readonly List<string> _historyOrder = [];
        private SqliteConnection? _connection;

        /// <summary>Blobs known to hold no text (binaries), so a newer commit does not look them up again.</summary>
        public HashSet<string> NotText { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CodeIndex> Commits { get; } = new(StringComparer.Ordinal);

        /// <summary>The index built last, which the next commit's is built from.</summary>
        public CodeIndex? Latest { get; private set; }

        public Dictionary<string, ChangeHistory> Histories { get; } = new(StringComparer.Ordinal);

        public void RememberHistory(string commit, ChangeHistory history, int keep)
        {
            if (Histories.TryAdd(commit, history))
            {
                _historyOrder.Add(commit);
            }

            while (_historyOrder.Count > keep)
            {
                Histories.Remove(_historyOrder[0]);
                _historyOrder.RemoveAt(0);
            }
        }

        public void Remember(string commit, CodeIndex index, int keep)
        {
            Commits[commit] = index;
            Latest = index;
            _order.Add(commit);
            while (_order.Count > keep)
            {
                Commits.Remove(_order[0]);
                _order.RemoveAt(0);
            }
        }

        /// <summary>What the file on disk knows of <paramref name="blobIds"/> (null: not text); damaged records are left out.</summary>
        public Dictionary<string, BlobTerms?> Load(IReadOnlyList<string> blobIds, TermTable table)
        {
            var found = new Dictionary<string, BlobTerms?>(StringComparer.Ordinal);
            var connection = Connection();
            foreach (var chunk in blobIds.Chunk(500))
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT id, data FROM blobs WHERE id IN ({string.Join(',', chunk.Select((_, i) => $"$p{i}"))})";
                for (var i = 0; i < chunk.Length; i++)
                {
                    command.Parameters.AddWithValue($"$p{i}", chunk[i]);
                }

                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var data = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
                    if (data is null)
                    {
                        found[reader.GetString(0)] = null;
                        NotText.Add(reader.GetString(0));
                    }
                    else if (BlobTerms.Deserialize(data, table) is { } terms)
                    {
                        found[reader.GetString(0)] = terms;
                    }
                }
            }

            return found;
        }

        public void Save(IReadOnlyList<(string BlobId, BlobTerms? Terms)> made, TermTable table)
        {
            var connection = Connection();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO blobs (id, data) VALUES ($id, $data)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var data = command.Parameters.Add("$data", SqliteType.Blob);
            foreach (var (blobId, terms) in made)
            {
                id.Value = blobId;
                data.Value = terms is null ? DBNull.Value : terms.Serialize(table);
                command.ExecuteNonQuery();
                if (terms is null)
                {
                    NotText.Add(blobId);
                }
            }

            transaction.Commit();
        }

        public void Dispose() => _connection?.Dispose();

        private SqliteConnection Connection()
        {
            if (_connection is null)
            {
                _connection = new SqliteConnection($"Data Source={databasePath};Default Timeout=30");
                _connection.Open();
                using var setup = _connection.CreateCommand();
                setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, data BLOB) WITHOUT ROWID;";
                setup.ExecuteNonQuery();
            }

            return _connection;
        }
    }
}

/// <summary>How an index was obtained: its files, blob records read from disk, and blobs tokenized now.</summary>
internal sealed record IndexStats(int Files, int LoadedFromDisk, int Tokenized);
