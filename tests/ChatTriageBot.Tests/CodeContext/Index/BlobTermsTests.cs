using System.Text;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class BlobTermsTests
{
    [Fact]
    public void ATermList_SurvivesTheDiskRecord_IntoAnotherProcessesTable_WithItsCountsAndDefinitions()
    {
        // Numbers far apart and counts past one byte: the packed form's gaps and counts take several bytes.
        var table = new TermTable();
        for (var i = 0; i < 100_000; i++)
        {
            table.Id($"filler{i}");
        }

        var text = "class Invoice:\n    def total(self):\n        return " + string.Join(" + ", Enumerable.Repeat("amount", 300)) + "\n";
        var terms = BlobTerms.From(text, table);

        var other = new TermTable();
        other.Id("something_else");
        var read = BlobTerms.Deserialize(terms.Serialize(table), other);

        Assert.NotNull(read);
        Assert.Equal(Pairs(terms, table), Pairs(read, other));
        Assert.Equal(300, Pairs(read, other)["amount"]);
        Assert.Equal(terms.Length, read.Length);
        Assert.Equal(["Invoice", "total"], read.Definitions.Select(d => other.Term(d.Name)));
    }

    [Fact]
    public void ARecordListingATermTwice_OrAZeroCount_IsDamaged()
    {
        var table = new TermTable();
        Assert.Null(BlobTerms.Deserialize(Record(("invoice", 2), ("invoice", 3)), table));
        Assert.Null(BlobTerms.Deserialize(Record(("invoice", 0)), table));
        Assert.NotNull(BlobTerms.Deserialize(Record(("invoice", 2), ("total", 1)), table));
    }

    private static Dictionary<string, int> Pairs(BlobTerms blob, TermTable table)
    {
        int[] terms = [], counts = [];
        blob.Unpack(ref terms, ref counts);
        return Enumerable.Range(0, blob.Count).ToDictionary(i => table.Term(terms[i]), i => counts[i]);
    }

    /// <summary>A disk record as <see cref="BlobTerms.Serialize"/> lays it out, with no definitions.</summary>
    private static byte[] Record(params (string Term, int Count)[] pairs)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8))
        {
            writer.Write7BitEncodedInt(pairs.Sum(p => p.Count));
            writer.Write7BitEncodedInt(pairs.Length);
            foreach (var (term, count) in pairs)
            {
                writer.Write(term);
                writer.Write7BitEncodedInt(count);
            }

            writer.Write7BitEncodedInt(0);
        }

        return memory.ToArray();
    }
}
