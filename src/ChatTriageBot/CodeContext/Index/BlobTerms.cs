using System.Text;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// What the index keeps of one blob (file content): its distinct code-aware terms (as <see cref="TermTable"/> numbers)
/// with counts, its length in terms, and the symbols it defines. The same blob has the same terms at every commit and
/// path, so it is computed once. The (term, count) pairs are held packed, term numbers ascending as variable-length
/// gaps, about three bytes a pair instead of eight: a cold index holds every file's list at once.
/// </summary>
internal sealed class BlobTerms
{
    private readonly byte[] _pairs;

    private BlobTerms(int length, int[] terms, int[] counts, (int Name, int Line)[] definitions)
    {
        Length = length;
        Count = terms.Length;
        Definitions = definitions;
        Array.Sort(terms, counts);
        var packed = new byte[terms.Length * 10];
        var at = 0;
        var last = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            at += WriteVarint(packed.AsSpan(at), (uint)(terms[i] - last));
            at += WriteVarint(packed.AsSpan(at), (uint)counts[i]);
            last = terms[i];
        }

        _pairs = packed[..at];
    }

    /// <summary>Terms in the blob, path not counted.</summary>
    public int Length { get; }

    /// <summary>Distinct terms.</summary>
    public int Count { get; }

    /// <summary>Symbols defined: the name's <see cref="TermTable"/> number (names keep their case) and the line.</summary>
    public (int Name, int Line)[] Definitions { get; }

    /// <summary>
    /// Unpacks the terms (ascending) and their counts into the first <see cref="Count"/> places of the buffers, grown
    /// when too small, so one pair of buffers serves a whole build.
    /// </summary>
    public void Unpack(ref int[] terms, ref int[] counts)
    {
        if (terms.Length < Count)
        {
            terms = new int[Math.Max(Count, terms.Length * 2)];
        }

        if (counts.Length < Count)
        {
            counts = new int[Math.Max(Count, counts.Length * 2)];
        }

        var at = 0;
        var term = 0;
        for (var i = 0; i < Count; i++)
        {
            term += (int)ReadVarint(_pairs, ref at);
            terms[i] = term;
            counts[i] = (int)ReadVarint(_pairs, ref at);
        }
    }

    private static int WriteVarint(Span<byte> into, uint value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            into[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[n++] = (byte)value;
        return n;
    }

    private static uint ReadVarint(byte[] from, ref int at)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = from[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    /// <summary>Tokenizes a file's text.</summary>
    public static BlobTerms From(string text, TermTable table)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(table);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var sink = new CountAll(counts);
        CodeTokenizer.Tokenize(text, ref sink);
        var definitions = new List<(string, int)>();
        SymbolDefinitionFinder.Find(text, definitions);
        var terms = new int[counts.Count];
        var values = new int[counts.Count];
        var i = 0;
        foreach (var (term, count) in counts)
        {
            terms[i] = table.Id(term);
            values[i++] = count;
        }

        return new BlobTerms(sink.Length, terms, values, [.. definitions.Select(d => (table.Id(d.Item1), d.Item2))]);
    }

    public byte[] Serialize(TermTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int[] terms = [], counts = [];
        Unpack(ref terms, ref counts);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory))
        {
            writer.Write7BitEncodedInt(Length);
            writer.Write7BitEncodedInt(Count);
            for (var i = 0; i < Count; i++)
            {
                WriteTerm(writer, table.Chars(terms[i]));
                writer.Write7BitEncodedInt(counts[i]);
            }

            writer.Write7BitEncodedInt(Definitions.Length);
            foreach (var (name, line) in Definitions)
            {
                WriteTerm(writer, table.Chars(name));
                writer.Write7BitEncodedInt(line);
            }
        }

        return memory.ToArray();
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; null when the bytes are not such a record (a damaged cache).</summary>
    public static BlobTerms? Deserialize(byte[] bytes, TermTable table)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(table);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var length = reader.Read7BitEncodedInt();
            var count = reader.Read7BitEncodedInt();
            if (length < 0 || count < 0 || count > bytes.Length)
            {
                return null;
            }

            var terms = new int[count];
            var counts = new int[count];
            for (var i = 0; i < count; i++)
            {
                terms[i] = ReadTerm(reader, table);
                counts[i] = reader.Read7BitEncodedInt();
                if (counts[i] < 1)
                {
                    return null;
                }
            }

            // A term listed twice is a damaged record too.
            if (terms.Distinct().Count() != count)
            {
                return null;
            }

            var defined = reader.Read7BitEncodedInt();
            if (defined < 0 || defined > bytes.Length)
            {
                return null;
            }

            var definitions = new (int, int)[defined];
            for (var i = 0; i < definitions.Length; i++)
            {
                definitions[i] = (ReadTerm(reader, table), reader.Read7BitEncodedInt());
            }

            return new BlobTerms(length, terms, counts, definitions);
        }
        catch (Exception exception) when (exception is EndOfStreamException or FormatException or IOException)
        {
            return null;
        }
    }

    /// <summary>A term as <see cref="BinaryWriter.Write(string)"/> writes a string (UTF-8 after its byte count), without making one.</summary>
    private static void WriteTerm(BinaryWriter writer, ReadOnlySpan<char> term)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(term.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(term.Length)];
        var length = Encoding.UTF8.GetBytes(term, bytes);
        writer.Write7BitEncodedInt(length);
        writer.Write(bytes[..length]);
    }

    /// <summary>Reads what <see cref="WriteTerm"/> (or <see cref="BinaryWriter.Write(string)"/>) wrote, as a term number.</summary>
    private static int ReadTerm(BinaryReader reader, TermTable table)
    {
        var length = reader.Read7BitEncodedInt();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new EndOfStreamException();
        }

        Span<byte> buffer = stackalloc byte[256];
        var bytes = length <= buffer.Length ? buffer[..length] : new byte[length];
        reader.BaseStream.ReadExactly(bytes);
        Span<char> chars = stackalloc char[256];
        var text = length <= chars.Length ? chars : new char[length];
        return table.Id(text[..Encoding.UTF8.GetChars(bytes, text)]);
    }

    private struct CountAll(Dictionary<string, int> counts) : ITokenSink
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();

        public int Length { get; private set; }

        public void Add(ReadOnlySpan<char> token)
        {
            Length++;
            _lookup[token] = _lookup.TryGetValue(token, out var count) ? count + 1 : 1;
        }
    }
}
