namespace ChatTriageBot.CodeContext;

/// <summary>
/// The searchable form of one commit's text files: for every code-aware term (<see cref="CodeTokenizer"/>), the files
/// containing it and how often (path segments count twice, as in the ranking), each file's length in terms, and the
/// symbols each file defines. Built from per-blob term lists (<see cref="BlobTerms"/>), so files unchanged between two
/// commits are never tokenized twice. Postings are stored in three flat arrays (compressed sparse rows by term
/// number), a few bytes per (term, file) pair. Immutable and thread-safe once built.
/// </summary>
public sealed class CodeIndex
{
    /// <summary>How many times a path segment's term counts, added to the content's count of it.</summary>
    private const int PathTermWeight = 2;

    private readonly TermTable _table;
    private readonly int[] _offsets;
    private readonly int[] _documents;
    private readonly int[] _counts;
    private readonly int[] _definitionOffsets;
    private readonly (int Document, int Line)[] _definitions;

    private CodeIndex(TermTable table, string[] paths, string[] blobIds, int[] lengths, int[] offsets, int[] documents, int[] counts, int[] definitionOffsets, (int, int)[] definitions)
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

    /// <summary>Builds the index of a commit from its files' term lists (files without terms, such as binaries, are left out).</summary>
    public static CodeIndex Build(IReadOnlyList<(string Path, string BlobId, BlobTerms Terms)> files, TermTable table)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(table);
        var paths = new string[files.Count];
        var blobIds = new string[files.Count];
        var lengths = new int[files.Count];

        // Path segments count twice, added to the content counts (the file's length stays its content's).
        var pathTerms = new (int Term, int Count)[files.Count][];
        for (var d = 0; d < files.Count; d++)
        {
            (paths[d], blobIds[d], var terms) = files[d];
            lengths[d] = terms.Length;
            pathTerms[d] = [.. CodeTokenizer.Tokenize(paths[d]).GroupBy(t => t, StringComparer.Ordinal).Select(g => (table.Id(g.Key), PathTermWeight * g.Count()))];
        }

        // Pass 1: postings per term. Pass 2: fill, in document order, so every term's list is sorted.
        var termCount = table.Count;
        var offsets = new int[termCount + 1];
        for (var d = 0; d < files.Count; d++)
        {
            foreach (var term in files[d].Terms.Terms)
            {
                offsets[term + 1]++;
            }

            foreach (var (term, _) in pathTerms[d])
            {
                if (Array.IndexOf(files[d].Terms.Terms, term) < 0)
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
        var counts = new int[offsets[termCount]];
        var next = (int[])offsets.Clone();
        var extra = new Dictionary<int, int>();
        for (var d = 0; d < files.Count; d++)
        {
            var blob = files[d].Terms;
            extra.Clear();
            foreach (var (term, count) in pathTerms[d])
            {
                extra[term] = count;
            }

            for (var i = 0; i < blob.Terms.Length; i++)
            {
                var term = blob.Terms[i];
                var at = next[term]++;
                documents[at] = d;
                counts[at] = blob.Counts[i] + (extra.Remove(term, out var fromPath) ? fromPath : 0);
            }

            foreach (var (term, count) in extra)
            {
                var at = next[term]++;
                documents[at] = d;
                counts[at] = count;
            }

        }

        var (definitionOffsets, definitions) = BuildDefinitions(files, table);
        return new CodeIndex(table, paths, blobIds, lengths, offsets, documents, counts, definitionOffsets, definitions);
    }

    /// <summary>Definitions by name number, the same flat layout as the postings: the first definition per file only.</summary>
    private static (int[] Offsets, (int, int)[] Entries) BuildDefinitions(IReadOnlyList<(string Path, string BlobId, BlobTerms Terms)> files, TermTable table)
    {
        var ids = new int[files.Count][];
        for (var d = 0; d < files.Count; d++)
        {
            var seen = new HashSet<int>();
            ids[d] = [.. files[d].Terms.Definitions.Select(def => seen.Add(def.Name) ? def.Name : -1)];
        }

        var count = table.Count;
        var offsets = new int[count + 1];
        foreach (var id in ids.SelectMany(i => i).Where(i => i >= 0))
        {
            offsets[id + 1]++;
        }

        for (var t = 0; t < count; t++)
        {
            offsets[t + 1] += offsets[t];
        }

        var entries = new (int, int)[offsets[count]];
        var next = (int[])offsets.Clone();
        for (var d = 0; d < files.Count; d++)
        {
            var definitions = files[d].Terms.Definitions;
            for (var i = 0; i < definitions.Length; i++)
            {
                if (ids[d][i] >= 0)
                {
                    entries[next[ids[d][i]]++] = (d, definitions[i].Line);
                }
            }
        }

        return (offsets, entries);
    }

    /// <summary>An index of texts held in memory (tools and tests), with a term table of its own.</summary>
    public static CodeIndex FromTexts(IEnumerable<(string Path, string BlobId, string Text)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var table = new TermTable();
        return Build([.. files.Select(f => (f.Path, f.BlobId, BlobTerms.From(f.Text, table)))], table);
    }
}

/// <summary>The documents a term occurs in (ascending) and its count in each: a slice of the index's arrays.</summary>
public readonly record struct Posting(int[]? Documents, int[]? Counts, int Start, int Length)
{
    public int Document(int i) => Documents![Start + i];

    public int Count(int i) => Counts![Start + i];

    /// <summary>The documents, copied out.</summary>
    public int[] ToDocuments() => Length == 0 ? [] : Documents![Start..(Start + Length)];

    /// <summary>The position of <paramref name="document"/> in this posting, or a negative number.</summary>
    public int IndexOf(int document) =>
        Length == 0 ? -1 : Array.BinarySearch(Documents!, Start, Length, document) is var at and >= 0 ? at - Start : -1;
}
