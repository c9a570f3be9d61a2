using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class RefusedCallSignalTests
{
    private const string Signal = "refused-call";

    private static readonly InMemoryCommit Commit = new InMemoryCommit()
        .With("shop/io/core.py", "def get_writer(Writer, **writer_kwargs):\n    writer = Writer(**writer_kwargs)\n    return writer\n")
        .With("shop/io/ui.py", "from shop.io import core\n\ndef write(table, **kwargs):\n    writer = core.get_writer(**kwargs)\n    return writer.write(table)\n")
        .With("shop/io/rst.py", "class RST:\n    def __init__(self):\n        self.header = None\n\n    def write(self, lines):\n        return lines\n")
        .With("shop/io/fixed.py", "class Fixed:\n    def __init__(self, header_rows=None):\n        self.header_rows = header_rows\n");

    private const string Text = """
        Please support header rows in the table output
        >>> tbl.write(sys.stdout, format="rst", header_rows=["name", "unit"])
        Traceback (most recent call last):
          File "/usr/lib/python3/dist-packages/shop/io/ui.py", line 4, in write
            writer = core.get_writer(**kwargs)
          File "/usr/lib/python3/dist-packages/shop/io/core.py", line 2, in get_writer
            writer = Writer(**writer_kwargs)
        TypeError: RST.__init__() got an unexpected keyword argument 'header_rows'
        """;

    [Fact]
    public void TheCallableWhoseSignatureRefusedTheCall_OutranksTheFramesThatCalledIt()
    {
        var on = Commit.Rank(Text);
        var off = Commit.Rank(Text, Signal);

        var rst = on.Single(r => r.Path == "shop/io/rst.py");
        Assert.Equal("shop/io/rst.py", on[0].Path);
        Assert.Contains("RST.__init__() refused the call: got an unexpected keyword argument", rst.Reasons);
        Assert.Equal(new LineRange(1, 6), rst.Ranges[0]);
        Assert.NotEqual("shop/io/rst.py", off[0].Path);
    }

    [Fact]
    public void AQualifiedCallable_PointsOnlyAtTheFileDefiningBothParts()
    {
        var on = Commit.Rank(Text);

        Assert.DoesNotContain(on.Where(r => r.Path == "shop/io/fixed.py"), r => r.Reasons.Any(reason => reason.Contains("refused the call", StringComparison.Ordinal)));
    }
}
