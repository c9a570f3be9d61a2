namespace ChatTriageBot.Tests.CodeContext;

public sealed class PastChangeSignalTests
{
    private const string Signal = "past-change";

    [Fact]
    public void AFileAPastFixOfASimilarBugChanged_RanksAboveOnesThatOnlyShareWords()
    {
        var commit = new InMemoryCommit()
            .With("src/export/writer.py", "def write_rows(rows, out):\n    for row in rows:\n        out.write(row + '\\n')\n")
            .With("src/export/report.py", "def build_report(rows):\n    # rows of the report, exported as csv\n    return rows\n")
            .With("src/unrelated.py", "x = 1\n")
            .Changed("start", "src/export/writer.py", "src/export/report.py", "src/unrelated.py")
            .Changed("Quote delimiters in CSV export so Excel opens the file", "src/export/writer.py");
        const string Text = "CSV export opens garbled in Excel when a row has a delimiter\n\nThe report rows get split.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("src/export/writer.py", on[0].Path);
        Assert.Contains("changed by a past commit much like it: \"Quote delimiters in CSV export so Excel opens the file\"", on[0].Reasons);
        Assert.DoesNotContain(on, r => r.Path == "src/unrelated.py");
        Assert.Equal("src/export/report.py", off[0]);
    }

    [Fact]
    public void OnePastCommitThatReadsAsTheRequest_OutweighsSeveralThatShareAWord()
    {
        var commit = new InMemoryCommit()
            .With("src/export/quoting.py", "def quote(value):\n    # csv export\n    return value\n")
            .With("src/export/columns.py", "def columns(value):\n    # csv export\n    return value\n")
            .With("src/unrelated.py", "x = 1\n")
            .Changed("start", "src/export/quoting.py", "src/export/columns.py", "src/unrelated.py")
            .Changed("CSV export garbles a row with a delimiter in Excel", "src/export/quoting.py")
            .Changed("Wider columns in the CSV export", "src/export/columns.py")
            .Changed("Excel export keeps the order of a row", "src/export/columns.py")
            .Changed("A delimiter setting for the export", "src/export/columns.py");
        const string Text = "CSV export garbles a row with a delimiter in Excel";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal(["src/export/quoting.py", "src/export/columns.py"], on.Select(r => r.Path));
        Assert.Contains("changed by a past commit much like it: \"CSV export garbles a row with a delimiter in Excel\"", on[0].Reasons);
        Assert.Equal(["src/export/columns.py", "src/export/quoting.py"], off);
    }

    [Fact]
    public void TestsAndDocumentationAPastCommitChanged_DoNotRiseWithIt()
    {
        var commit = new InMemoryCommit()
            .With("src/export/writer.py", "def write_rows(rows, out):\n    return rows\n")
            .With("tests/test_export.py", "def test_rows():\n    assert write_rows([], out) == []\n")
            .With("docs/export.md", "How rows are written.\n")
            .Changed("Quote delimiters in CSV export so Excel opens the file", "src/export/writer.py", "tests/test_export.py", "docs/export.md");

        var ranked = commit.Rank("CSV export opens garbled in Excel when a row has a delimiter");

        Assert.Contains(ranked[0].Reasons, r => r.StartsWith("changed by a past commit", StringComparison.Ordinal));
        Assert.All(ranked.Skip(1), r => Assert.DoesNotContain(r.Reasons, reason => reason.StartsWith("changed by a past commit", StringComparison.Ordinal)));
    }
}
