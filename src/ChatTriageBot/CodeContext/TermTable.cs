namespace ChatTriageBot.CodeContext;

/// <summary>
/// Numbers for terms: each distinct term string is stored once and indexes refer to it by number (half the memory
/// of a reference, and arrays instead of dictionaries in the index). Thread-safe; numbers never change.
/// </summary>
public sealed class TermTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _terms.Count;
            }
        }
    }

    public int Id(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        lock (_gate)
        {
            if (!_ids.TryGetValue(term, out var id))
            {
                id = _terms.Count;
                _terms.Add(term);
                _ids[term] = id;
            }

            return id;
        }
    }

    /// <summary>The number of a term already known, or -1.</summary>
    public int Find(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        lock (_gate)
        {
            return _ids.TryGetValue(term, out var id) ? id : -1;
        }
    }

    public string Term(int id)
    {
        lock (_gate)
        {
            return _terms[id];
        }
    }
}
