namespace ChatTriageBot.Tests.CodeContext;

public sealed class SummaryStemSignalTests
{
    private const string Signal = "summary-stem";

    [Fact]
    public void AWordOfTheSummaryThatIsAFilesName_LiftsThatFile()
    {
        var commit = new InMemoryCommit()
            .With("render/writers/latex.py", "def visit_literal(self, node):\n    self.body.append(r'\\code{')\n")
            .With("render/writers/html.py", "def visit_literal(self, node):\n    self.body.append('<code>')\n")
            .With("render/builders/pdf.py", "# inline code output: whitespace at start and end of the pdf page\ndef build(inline, code, output, whitespace, start, end, pdf):\n    pass\n");
        const string Text = "LaTeX: inline code gets a space at start and end\nThe pdf output of our writers shows whitespace around inline code.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("render/writers/latex.py", on[0].Path);
        Assert.Contains("latex in the summary names the file", on[0].Reasons);
        Assert.Equal("render/builders/pdf.py", off[0]);
    }

    [Fact]
    public void AnInflectedWordOfTheSummary_NamesTheFileOfItsStem()
    {
        var commit = new InMemoryCommit()
            .With("autodoc/mock.py", "class MockObject:\n    __sphinx_mock__ = True\n")
            .With("autodoc/inherit.py", "# inherited classes are documented with their bases\ndef inherited_classes(documented, bases):\n    pass\n")
            .With("autodoc/other.py", "x = 1\n");
        const string Text = "Inherited classes not correctly documented when mocked\nThe bases show the wrong name.";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Contains("mocked in the summary names the file", on.Single(r => r.Path == "autodoc/mock.py").Reasons);
        Assert.Equal(["autodoc/inherit.py", "autodoc/mock.py"], on.Take(2).Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("autodoc/mock.py", off);
    }

    [Fact]
    public void AWordNamingTheFileAndItsFolder_LiftsItMoreThanOneNamingTheFileAlone()
    {
        var commit = new InMemoryCommit()
            .With("ext/autodoc/typehints.py", "def record_typehints(app, obj):\n    pass\n")
            .With("util/typehints.py", "def stringify(annotation):\n    pass\n");

        var ranked = commit.Rank("autodoc_typehints does not show the return type\nThe description stays empty.");

        Assert.Equal("ext/autodoc/typehints.py", ranked[0].Path);
        Assert.True(ranked[0].Score > 2 * ranked.Single(r => r.Path == "util/typehints.py").Score);
    }
}
