using System.Buffers.Binary;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Where objects sit in a repository's pack files, read from the packs' index files (<c>objects/pack/*.idx</c>,
/// version 2), so that many blobs can be read in the order they are stored. Reading a cold index's blobs by path jumps
/// back and forth across the pack; in pack order libgit2 reads it front to back, which keeps few of its mapped windows
/// in use at a time and finds a delta's base in its cache more often.
/// </summary>
internal static class PackOrder
{
    private const int HashBytes = 20;
    private static readonly byte[] Signature = [0xff, (byte)'t', (byte)'O', (byte)'c'];

    /// <summary>
    /// <paramref name="items"/> sorted by where their blob is stored: by pack file, then by offset in it. Blobs in no
    /// pack (loose objects, or a pack index this cannot read) come last, in their given order. Returns the items as
    /// given when the repository has no readable pack index; the order is only ever a speed-up.
    /// </summary>
    public static List<T> Sort<T>(string gitDirectory, IReadOnlyList<T> items, Func<T, string> blobId)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(blobId);
        var packs = items.Count < 2 ? [] : ReadIndexes(gitDirectory);
        if (packs.Count == 0)
        {
            return [.. items];
        }

        var keys = new long[items.Count];
        Span<byte> hash = stackalloc byte[HashBytes];
        for (var i = 0; i < items.Count; i++)
        {
            keys[i] = long.MaxValue;
            if (Convert.FromHexString(blobId(items[i]), hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashBytes)
            {
                continue;
            }

            for (var p = 0; p < packs.Count; p++)
            {
                if (packs[p].Offset(hash) is { } offset)
                {
                    keys[i] = ((long)p << 40) | offset;
                    break;
                }
            }
        }

        var order = Enumerable.Range(0, items.Count).ToArray();
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return [.. order.Select(i => items[i])];
    }

    private static List<PackIndex> ReadIndexes(string gitDirectory)
    {
        var packs = new List<PackIndex>();
        var directory = Path.Combine(gitDirectory, "objects", "pack");
        if (!Directory.Exists(directory))
        {
            return packs;
        }

        // Largest first: a repository's history is mostly in one big pack, and fetches add small ones.
        foreach (var file in new DirectoryInfo(directory).GetFiles("*.idx").OrderByDescending(f => f.Length))
        {
            try
            {
                if (PackIndex.Parse(File.ReadAllBytes(file.FullName)) is { } pack)
                {
                    packs.Add(pack);
                }
            }
            catch (IOException)
            {
                // A pack removed by a concurrent repack: its objects are in another pack, or read unordered.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return packs;
    }

    /// <summary>A version-2 pack index: fan-out table, sorted object names, CRCs, 31-bit offsets, then large offsets.</summary>
    private sealed class PackIndex(byte[] data, int count)
    {
        private const int FanoutStart = 8;
        private const int NamesStart = FanoutStart + (256 * 4);
        private readonly int _offsetsStart = NamesStart + (count * (HashBytes + 4));

        public static PackIndex? Parse(byte[] data)
        {
            if (data.Length < NamesStart || !data.AsSpan(0, 4).SequenceEqual(Signature) || BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4)) != 2)
            {
                return null;
            }

            var count = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(FanoutStart + (255 * 4)));
            // Names, CRCs and small offsets, then the pack's and the index's own checksums at least.
            return count > int.MaxValue / 32 || data.LongLength < NamesStart + (count * (HashBytes + 8L)) + (2 * HashBytes)
                ? null
                : new PackIndex(data, (int)count);
        }

        public long? Offset(ReadOnlySpan<byte> hash)
        {
            var first = hash[0];
            var low = first == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(FanoutStart + ((first - 1) * 4)));
            var high = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(FanoutStart + (first * 4))) - 1;
            while (low <= high)
            {
                var middle = (int)((uint)(low + high) >> 1);
                var comparison = data.AsSpan(NamesStart + (middle * HashBytes), HashBytes).SequenceCompareTo(hash);
                if (comparison == 0)
                {
                    return OffsetAt(middle);
                }

                if (comparison < 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return null;
        }

        private long? OffsetAt(int position)
        {
            var small = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_offsetsStart + (position * 4)));
            if ((small & 0x8000_0000) == 0)
            {
                return small;
            }

            // The high bit set: the rest is a position in the table of 64-bit offsets that follows.
            var large = _offsetsStart + (count * 4L) + ((small & 0x7fff_ffff) * 8L);
            return large + 8 <= data.LongLength - (2 * HashBytes)
                ? (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan((int)large))
                : null;
        }
    }
}
