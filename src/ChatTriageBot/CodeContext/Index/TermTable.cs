namespace ChatTriageBot.CodeContext;

/// <summary>
/// Numbers for terms: each distinct term is stored once and indexes refer to it by number (arrays instead of
/// dictionaries in the index). A large repository has a million distinct terms or more, so they are kept in one
/// character arena with an open-addressing hash table of numbers, about 30 bytes a term, rather than a string and a
/// dictionary entry each (about 70). Thread-safe; numbers never change, and a term's characters never move once written.
/// </summary>
internal sealed class TermTable
{
    private readonly Lock _gate = new();
    private char[] _text = new char[4096];
    private int _textLength;

    /// <summary>Where term i starts in <see cref="_text"/>; it ends where term i + 1 starts (or at <see cref="_textLength"/>).</summary>
    private int[] _starts = new int[256];
    private int[] _hashes = new int[256];

    /// <summary>Term number + 1 per slot (0: empty), probed linearly; at most half full.</summary>
    private int[] _slots = new int[512];
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public int Id(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return Id(term.AsSpan());
    }

    /// <summary>The number of <paramref name="term"/>, given a new one when it is not known yet.</summary>
    public int Id(ReadOnlySpan<char> term)
    {
        var hash = string.GetHashCode(term);
        lock (_gate)
        {
            var slot = FindSlot(term, hash);
            if (_slots[slot] != 0)
            {
                return _slots[slot] - 1;
            }

            return Add(term, hash, slot);
        }
    }

    /// <summary>The number of a term already known, or -1.</summary>
    public int Find(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return Find(term.AsSpan());
    }

    public int Find(ReadOnlySpan<char> term)
    {
        var hash = string.GetHashCode(term);
        lock (_gate)
        {
            return _slots[FindSlot(term, hash)] - 1;
        }
    }

    public string Term(int id) => new(Chars(id));

    /// <summary>The characters of term <paramref name="id"/>, without copying them.</summary>
    public ReadOnlySpan<char> Chars(int id)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(id);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _count);

            // A grown arena is a copy: the array read here keeps these characters, unchanged, for as long as the span lives.
            return _text.AsSpan(_starts[id], End(id) - _starts[id]);
        }
    }

    private int End(int id) => id + 1 < _count ? _starts[id + 1] : _textLength;

    /// <summary>The slot holding <paramref name="term"/>, or the empty slot where it would go.</summary>
    private int FindSlot(ReadOnlySpan<char> term, int hash)
    {
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return slot;
            }

            var id = entry - 1;
            if (_hashes[id] == hash && _text.AsSpan(_starts[id], End(id) - _starts[id]).SequenceEqual(term))
            {
                return slot;
            }
        }
    }

    private int Add(ReadOnlySpan<char> term, int hash, int slot)
    {
        if (_textLength + term.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 3 / 2, _textLength + term.Length));
        }

        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 3 / 2);
            Array.Resize(ref _hashes, _count * 3 / 2);
        }

        var id = _count++;
        term.CopyTo(_text.AsSpan(_textLength));
        _starts[id] = _textLength;
        _textLength += term.Length;
        _hashes[id] = hash;
        _slots[slot] = id + 1;
        if (_count * 2 > _slots.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < _count; id++)
        {
            var slot = _hashes[id] & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }

        _slots = slots;
    }
}
