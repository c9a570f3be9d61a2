namespace ChatTriageBot.CodeContext;

/// <summary>
/// The searchable form of one commit's text files: for every code-aware term (<see cref="CodeTokenizer"/>), the files
/// containing it and how often (path segments count twice, as in the ranking), each file's length in terms, and the
/// symbols each file defines. Built from per-blob term lists (<see cref="BlobTerms"/>), so files unchanged between two
/// commits are never tokenized twice. Immutable and thread-safe once built.
/// </summary>
public sealed class CodeIndex
{
    private static readonly Posting Empty = new([], []);
    private readonly Dictionary<string, Posting> _postings;
    private readonly Dictionary<string, List<(int Document, int Line)>> _definitions;

    private CodeIndex(string[] paths, string[] blobIds, int[] lengths, Dictionary<string, Posting> postings, Dictionary<string, List<(int, int)>> definitions)
    {
        Paths = paths;
        BlobIds = blobIds;
        Lengths = lengths;
        _postings = postings;
        _definitions = definitions;
    }

    /// <summary>The indexed files' paths; a document number is an index into this list.</summary>
    public IReadOnlyList<string> Paths { get; }

    public IReadOnlyList<string> BlobIds { get; }

    /// <summary>Content terms per document (path terms not counted).</summary>
    public IReadOnlyList<int> Lengths { get; }

    public int Count => Paths.Count;

    /// <summary>How many distinct terms the index holds.</summary>
    public int Terms => _postings.Count;

    /// <summary>The documents containing <paramref name="term"/> and its count in each (ascending document order).</summary>
    public Posting Postings(string term) => _postings.TryGetValue(term, out var posting) ? posting : Empty;

    /// <summary>Where <paramref name="name"/> is defined: (document, line), at most one per document.</summary>
    public IReadOnlyList<(int Document, int Line)> Definitions(string name) =>
        _definitions.TryGetValue(name, out var list) ? list : [];

    /// <summary>The documents containing every one of <paramref name="terms"/> (none when a term is unknown).</summary>
    public List<int> DocumentsWithAll(IReadOnlyCollection<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return [];
        }

        var ordered = terms.Distinct(StringComparer.Ordinal).Select(Postings).OrderBy(p => p.Documents.Length).ToList();
        var result = new List<int>(ordered[0].Documents);
        foreach (var posting in ordered.Skip(1))
        {
            var set = posting.Documents;
            result.RemoveAll(d => Array.BinarySearch(set, d) < 0);
            if (result.Count == 0)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Builds the index of a commit from its files' term lists (files without terms, such as binaries, are left out).</summary>
    public static CodeIndex Build(IReadOnlyList<(string Path, string BlobId, BlobTerms Terms)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = new string[files.Count];
        var blobIds = new string[files.Count];
        var lengths = new int[files.Count];
        var documents = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var counts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var definitions = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var pathCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < files.Count; d++)
        {
            var (path, blobId, terms) = files[d];
            paths[d] = path;
            blobIds[d] = blobId;
            lengths[d] = terms.Length;

            // Path segments count twice, added to the content counts (the file's length stays its content's).
            pathCounts.Clear();
            foreach (var token in CodeTokenizer.Tokenize(path))
            {
                pathCounts[token] = pathCounts.GetValueOrDefault(token) + 2;
            }

            for (var t = 0; t < terms.Terms.Length; t++)
            {
                var term = terms.Terms[t];
                var count = terms.Counts[t];
                if (pathCounts.Remove(term, out var fromPath))
                {
                    count += fromPath;
                }

                Add(documents, counts, term, d, count);
            }

            foreach (var (term, count) in pathCounts)
            {
                Add(documents, counts, term, d, count);
            }

            foreach (var (name, line) in terms.Definitions)
            {
                if (!definitions.TryGetValue(name, out var list))
                {
                    definitions[name] = list = [];
                }

                if (list.Count == 0 || list[^1].Item1 != d)
                {
                    list.Add((d, line));
                }
            }
        }

        var postings = new Dictionary<string, Posting>(documents.Count, StringComparer.Ordinal);
        foreach (var (term, docs) in documents)
        {
            postings[term] = new Posting([.. docs], [.. counts[term]]);
        }

        return new CodeIndex(paths, blobIds, lengths, postings, definitions);
    }

    private static void Add(Dictionary<string, List<int>> documents, Dictionary<string, List<int>> counts, string term, int document, int count)
    {
        if (!documents.TryGetValue(term, out var docs))
        {
            documents[term] = docs = [];
            counts[term] = [];
        }

        docs.Add(document);
        counts[term].Add(count);
    }
}

/// <summary>The documents a term occurs in (ascending) and its count in each.</summary>
public sealed record Posting(int[] Documents, int[] Counts);
