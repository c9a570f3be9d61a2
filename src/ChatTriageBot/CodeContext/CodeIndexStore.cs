using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ChatTriageBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Keeps the code index of every repository: per blob, its terms (<see cref="BlobTerms"/>) in memory and in a SQLite
/// file under <c>Data__Directory/index/</c>, so a restart does not tokenize anything again and a newer commit only
/// tokenizes the files that changed; per commit, the built <see cref="CodeIndex"/> of the last few commits asked for.
/// Several processes may share the directory: blob records are immutable (keyed by blob id) and written with
/// <c>INSERT OR REPLACE</c> (a damaged record is simply written again).
/// </summary>
public sealed class CodeIndexStore : IDisposable
{
    private const int CommitsKept = 2;

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

            var files = snapshot.Files.Where(f => f.Size <= snapshot.MaxFileBytes).ToList();
            var unknown = files.Select(f => f.BlobId).Where(id => !repository.Blobs.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
            var loaded = unknown.Count == 0 ? 0 : repository.Load(unknown, _terms);
            var missing = unknown.Where(id => !repository.Blobs.ContainsKey(id)).ToHashSet(StringComparer.Ordinal);
            var tokenized = 0;
            if (missing.Count > 0)
            {
                // Reading goes through the snapshot one blob at a time; tokenizing runs on every core.
                var texts = files.Where(f => missing.Contains(f.BlobId) && !snapshot.IsSymbolicLink(f.Path)).DistinctBy(f => f.BlobId)
                    .Select(f => (f.BlobId, Text: snapshot.ReadText(f.Path)))
                    .ToList();
                var made = new (string BlobId, BlobTerms? Terms)[texts.Count];
                Parallel.For(0, texts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                    made[i] = (texts[i].BlobId, texts[i].Text is { } text ? BlobTerms.From(text, _terms) : null));
                repository.Save(made, _terms);
                tokenized = made.Length;
            }

            var entries = new List<(string, string, BlobTerms)>(files.Count);
            foreach (var file in files)
            {
                if (repository.Blobs.TryGetValue(file.BlobId, out var terms) && terms is not null && !snapshot.IsSymbolicLink(file.Path))
                {
                    entries.Add((file.Path, file.BlobId, terms));
                }
            }

            var index = CodeIndex.Build(entries, _terms);
            repository.Remember(snapshot.CommitSha, index, index.PostingCount > LargeIndexPostings ? 1 : CommitsKept);
            stats = new IndexStats(index.Count, loaded, tokenized);
            return index;
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

        public Dictionary<string, BlobTerms?> Blobs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, CodeIndex> Commits { get; } = new(StringComparer.Ordinal);

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
            _order.Add(commit);
            while (_order.Count > keep)
            {
                Commits.Remove(_order[0]);
                _order.RemoveAt(0);
            }
        }

        /// <summary>Loads what the file knows of <paramref name="blobIds"/>; returns how many it knew.</summary>
        public int Load(IReadOnlyList<string> blobIds, TermTable table)
        {
            var connection = Connection();
            var found = 0;
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
                        Blobs[reader.GetString(0)] = null;
                        found++;
                    }
                    else if (BlobTerms.Deserialize(data, table) is { } terms)
                    {
                        Blobs[reader.GetString(0)] = terms;
                        found++;
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
                Blobs[blobId] = terms;
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
public sealed record IndexStats(int Files, int LoadedFromDisk, int Tokenized);
