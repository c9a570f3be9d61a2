namespace ChatTriageBot.CodeContext;

/// <summary>
/// The searchable form of one commit's text files: for every code-aware term (<see cref="CodeTokenizer"/>), the files
/// containing it and how often (path segments count twice, as in the ranking), each file's length in terms, and the
/// symbols each file defines. Built from per-blob term lists (<see cref="BlobTerms"/>), so files unchanged between two
/// commits are never tokenized twice, and from the previous commit's index, so a newer commit copies what did not change.
/// Postings are stored in three flat arrays (compressed sparse rows by term number), six bytes per (term, file) pair: the
/// document number and its count (capped at 65,535, far past where BM25 stops telling counts apart). Immutable and
/// thread-safe once built.
/// </summary>
internal sealed class CodeIndex
{
    /// <summary>How many times a path segment's term counts, added to the content's count of it.</summary>
    private const int PathTermWeight = 2;

    private readonly TermTable _table;
    private readonly int[] _offsets;
    private readonly int[] _documents;
    private readonly ushort[] _counts;
    private readonly int[] _definitionOffsets;
    private readonly (int Document, int Line)[] _definitions;

    private CodeIndex(TermTable table, string[] paths, string[] blobIds, int[] lengths, int[] offsets, int[] documents, ushort[] counts, int[] definitionOffsets, (int, int)[] definitions)
    {
        _table = table;
        Paths = paths;
        BlobIds = blobIds;
        Lengths = lengths;
        _offsets = offsets;
        _documents = documents;
        _counts = counts;
        _definitionOffsets = definitionOffsets;
        _definitions = definitions;
    }

    /// <summary>The indexed files' paths; a document number is an index into this list.</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<string> BlobIds { get; }

    /// <summary>Content terms per document (path terms not counted).</summary>
    public IReadOnlyList<int> Lengths { get; }

    public int Count => Paths.Count;

    /// <summary>(term, file) pairs held.</summary>
    public int PostingCount => _documents.Length;

    /// <summary>The documents containing <paramref name="term"/> and its count in each (ascending document order).</summary>
    public Posting Postings(string term)
    {
        var id = _table.Find(term);
        return id < 0 || id + 1 >= _offsets.Length
            ? default
            : new Posting(_documents, _counts, _offsets[id], _offsets[id + 1] - _offsets[id]);
    }

    /// <summary>Where <paramref name="name"/> is defined: (document, line), at most one per document.</summary>
    public IReadOnlyList<(int Document, int Line)> Definitions(string name)
    {
        var id = _table.Find(name);
        return id < 0 || id + 1 >= _definitionOffsets.Length
            ? Array.Empty<(int, int)>()
            : new ArraySegment<(int, int)>(_definitions, _definitionOffsets[id], _definitionOffsets[id + 1] - _definitionOffsets[id]);
    }

    /// <summary>The documents containing every one of <paramref name="terms"/> (none when a term is unknown).</summary>
    public List<int> DocumentsWithAll(IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return [];
        }

        var ordered = terms.Distinct(StringComparer.Ordinal).Select(Postings).OrderBy(p => p.Length).ToList();
        var result = new List<int>(ordered[0].Length);
        for (var i = 0; i < ordered[0].Length; i++)
        {
            result.Add(ordered[0].Document(i));
        }

        foreach (var posting in ordered.Skip(1))
        {
            result.RemoveAll(d => posting.IndexOf(d) < 0);
            if (result.Count == 0)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Builds the index of a commit (files without terms, such as binaries, are not given). Each file is a new term list
    /// or one of the documents of <paramref name="previous"/> (built with the same <paramref name="table"/>) with the
    /// same path and content, copied from its postings: only what changed between two commits has to be held as term
    /// lists, so no per-file copy of the whole repository is kept beside its index.
    /// </summary>
    public static CodeIndex Build(IReadOnlyList<IndexEntry> files, TermTable table, CodeIndex? previous)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(table);
        var count = files.Count;
        var paths = new string[count];
        var blobIds = new string[count];
        var lengths = new int[count];
        var reused = previous is null ? [] : new int[previous.Count];
        Array.Fill(reused, -1);

        // A new file's path segments count twice, added to its content's counts (its length stays its content's).
        var pathTerms = new (int Term, int Count)[]?[count];
        for (var d = 0; d < count; d++)
        {
            var entry = files[d];
            paths[d] = entry.Path;
            blobIds[d] = entry.BlobId;
            if (entry.Terms is { } terms)
            {
                lengths[d] = terms.Length;
                pathTerms[d] = [.. CodeTokenizer.Tokenize(entry.Path).GroupBy(t => t, StringComparer.Ordinal).Select(g => (table.Id(g.Key), PathTermWeight * g.Count()))];
            }
            else
            {
                var from = entry.PreviousDocument;
                if (previous is null || from < 0 || from >= previous.Count || previous.Paths[from] != entry.Path || reused[from] >= 0)
                {
                    throw new ArgumentException($"{entry.Path} has neither terms nor a document of its own in the previous index.", nameof(files));
                }

                lengths[d] = previous.Lengths[from];
                reused[from] = d;
            }
        }

        // Pass 1: postings per term. Pass 2: fill (the previous index's term by term, then the new files'), and sort
        // the lists that new files were added to, so every term's list is in document order.
        var termCount = table.Count;
        var offsets = new int[termCount + 1];
        var previousTerms = previous is null ? 0 : previous._offsets.Length - 1;
        for (var t = 0; t < previousTerms; t++)
        {
            for (var i = previous!._offsets[t]; i < previous._offsets[t + 1]; i++)
            {
                if (reused[previous._documents[i]] >= 0)
                {
                    offsets[t + 1]++;
                }
            }
        }

        int[] blobTerms = [], blobCounts = [];
        for (var d = 0; d < count; d++)
        {
            if (files[d].Terms is not { } blob)
            {
                continue;
            }

            blob.Unpack(ref blobTerms, ref blobCounts);
            for (var i = 0; i < blob.Count; i++)
            {
                offsets[blobTerms[i] + 1]++;
            }

            foreach (var (term, _) in pathTerms[d]!)
            {
                if (Array.BinarySearch(blobTerms, 0, blob.Count, term) < 0)
                {
                    offsets[term + 1]++;
                }
            }
        }

        for (var t = 0; t < termCount; t++)
        {
            offsets[t + 1] += offsets[t];
        }

        var documents = new int[offsets[termCount]];
        var counts = new ushort[offsets[termCount]];
        var next = (int[])offsets.Clone();
        for (var t = 0; t < previousTerms; t++)
        {
            for (var i = previous!._offsets[t]; i < previous._offsets[t + 1]; i++)
            {
                if (reused[previous._documents[i]] is var d and >= 0)
                {
                    documents[next[t]] = d;
                    counts[next[t]++] = previous._counts[i];
                }
            }
        }

        var added = new bool[termCount];
        var extra = new Dictionary<int, int>();
        void Add(int term, int document, int n)
        {
            documents[next[term]] = document;
            counts[next[term]++] = (ushort)Math.Min(n, ushort.MaxValue);
            added[term] = true;
        }

        for (var d = 0; d < count; d++)
        {
            if (files[d].Terms is not { } blob)
            {
                continue;
            }

            extra.Clear();
            foreach (var (term, n) in pathTerms[d]!)
            {
                extra[term] = n;
            }

            blob.Unpack(ref blobTerms, ref blobCounts);
            for (var i = 0; i < blob.Count; i++)
            {
                Add(blobTerms[i], d, blobCounts[i] + (extra.Remove(blobTerms[i], out var fromPath) ? fromPath : 0));
            }

            foreach (var (term, n) in extra)
            {
                Add(term, d, n);
            }
        }

        // Only lists that had both copied and new documents can be out of order.
        if (previous is not null)
        {
            for (var t = 0; t < termCount; t++)
            {
                if (added[t] && !IsAscending(documents.AsSpan(offsets[t], offsets[t + 1] - offsets[t])))
                {
                    Array.Sort(documents, counts, offsets[t], offsets[t + 1] - offsets[t]);
                }
            }
        }

        var (definitionOffsets, definitions) = BuildDefinitions(files, table, previous, reused);
        return new CodeIndex(table, paths, blobIds, lengths, offsets, documents, counts, definitionOffsets, definitions);
    }

    private static bool IsAscending(ReadOnlySpan<int> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i - 1] > values[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Definitions by name number, the same flat layout as the postings: the first definition per file only.</summary>
    private static (int[] Offsets, (int, int)[] Entries) BuildDefinitions(IReadOnlyList<IndexEntry> files, TermTable table, CodeIndex? previous, int[] reused)
    {
        var ids = new int[files.Count][];
        for (var d = 0; d < files.Count; d++)
        {
            var seen = new HashSet<int>();
            ids[d] = files[d].Terms is { } terms ? [.. terms.Definitions.Select(def => seen.Add(def.Name) ? def.Name : -1)] : [];
        }

        var count = table.Count;
        var offsets = new int[count + 1];
        var previousNames = previous is null ? 0 : previous._definitionOffsets.Length - 1;
        for (var t = 0; t < previousNames; t++)
        {
            for (var i = previous!._definitionOffsets[t]; i < previous._definitionOffsets[t + 1]; i++)
            {
                if (reused[previous._definitions[i].Document] >= 0)
                {
                    offsets[t + 1]++;
                }
            }
        }

        foreach (var id in ids.SelectMany(i => i).Where(i => i >= 0))
        {
            offsets[id + 1]++;
        }

        for (var t = 0; t < count; t++)
        {
            offsets[t + 1] += offsets[t];
        }

        var entries = new (int Document, int Line)[offsets[count]];
        var next = (int[])offsets.Clone();
        for (var t = 0; t < previousNames; t++)
        {
            for (var i = previous!._definitionOffsets[t]; i < previous._definitionOffsets[t + 1]; i++)
            {
                var (document, line) = previous._definitions[i];
                if (reused[document] is var d and >= 0)
                {
                    entries[next[t]++] = (d, line);
                }
            }
        }

        var added = new HashSet<int>();
        for (var d = 0; d < files.Count; d++)
        {
            var definitions = files[d].Terms?.Definitions ?? [];
            for (var i = 0; i < definitions.Length; i++)
            {
                if (ids[d][i] >= 0)
                {
                    entries[next[ids[d][i]]++] = (d, definitions[i].Line);
                    added.Add(ids[d][i]);
                }
            }
        }

        // As for the postings: only names with both copied and new definitions can be out of document order.
        foreach (var t in previous is null ? [] : added)
        {
            entries.AsSpan(offsets[t], offsets[t + 1] - offsets[t]).Sort((a, b) => a.Document.CompareTo(b.Document));
        }

        return (offsets, entries);
    }

    /// <summary>An index of texts held in memory (tools and tests), with a term table of its own.</summary>
    public static CodeIndex FromTexts(IEnumerable<(string Path, string BlobId, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var table = new TermTable();
        return Build([.. files.Select(f => new IndexEntry(f.Path, f.BlobId, BlobTerms.From(f.Text, table)))], table, previous: null);
    }
}

/// <summary>
/// A file of a commit for <see cref="CodeIndex.Build(IReadOnlyList{IndexEntry}, TermTable, CodeIndex?)"/>: its term list, or
/// (when <paramref name="Terms"/> is null) the number of the same file, unchanged, in the previous index.
/// </summary>
internal readonly record struct IndexEntry(string Path, string BlobId, BlobTerms? Terms, int PreviousDocument = -1);

/// <summary>The documents a term occurs in (ascending) and its count in each: a slice of the index's arrays.</summary>
internal readonly record struct Posting(int[]? Documents, ushort[]? Counts, int Start, int Length)
{
    public int Document(int i) => Documents![Start + i];

    public int Count(int i) => Counts![Start + i];

    /// <summary>The documents, copied out.</summary>
    public int[] ToDocuments() => Length == 0 ? [] : Documents![Start..(Start + Length)];

    /// <summary>The position of <paramref name="document"/> in this posting, or a negative number.</summary>
    public int IndexOf(int document) =>
        Length == 0 ? -1 : Array.BinarySearch(Documents!, Start, Length, document) is var at and >= 0 ? at - Start : -1;
}
