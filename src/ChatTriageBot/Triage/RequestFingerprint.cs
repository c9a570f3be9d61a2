using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>
/// A MinHash signature of a request's words: 64 minimums of seeded hashes over its word 3-shingles. The share of equal
/// minimums between two signatures estimates the Jaccard similarity of their shingle sets, so "is this the same
/// problem as last week's?" needs neither the old text (it is not kept) nor a model call.
/// </summary>
internal static partial class RequestFingerprint
{
    private const int Hashes = 64;
    private const int ShingleWords = 3;

    /// <summary>Requests shorter than this many words are not compared: a few words match too much by chance.</summary>
    public const int MinimumWords = 8;

    /// <summary>The signature (Base64), or null when the text is too short to compare.</summary>
    public static string? Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count < MinimumWords)
        {
            return null;
        }

        var minimums = new uint[Hashes];
        Array.Fill(minimums, uint.MaxValue);
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            var shingle = Encoding.UTF8.GetBytes(string.Join(' ', words.Skip(i).Take(ShingleWords)));
            for (var h = 0; h < Hashes; h++)
            {
                var value = XxHash32.HashToUInt32(shingle, seed: unchecked(h * (int)0x9E3779B1));
                if (value < minimums[h])
                {
                    minimums[h] = value;
                }
            }
        }

        var bytes = new byte[Hashes * 4];
        for (var h = 0; h < Hashes; h++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(h * 4), minimums[h]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Estimated Jaccard similarity (0 to 1) of two signatures; 0 when either is missing or malformed.</summary>
    public static double Similarity(string? left, string? right)
    {
        if (left is null || right is null || Decode(left) is not { } a || Decode(right) is not { } b)
        {
            return 0;
        }

        var equal = 0;
        for (var h = 0; h < Hashes; h++)
        {
            if (a[h] == b[h])
            {
                equal++;
            }
        }

        return (double)equal / Hashes;
    }

    private static uint[]? Decode(string signature)
    {
        var bytes = new byte[Hashes * 4];
        if (!Convert.TryFromBase64String(signature, bytes, out var written) || written != bytes.Length)
        {
            return null;
        }

        var values = new uint[Hashes];
        for (var h = 0; h < Hashes; h++)
        {
            values[h] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(h * 4));
        }

        return values;
    }

    // Placeholders such as <EMAIL_1> count as words, so two reports differing only in the customer's address match.
    [GeneratedRegex(@"<[A-Z_]+_\d+>|[\p{L}\p{N}_]+")]
    private static partial Regex Word();
}
