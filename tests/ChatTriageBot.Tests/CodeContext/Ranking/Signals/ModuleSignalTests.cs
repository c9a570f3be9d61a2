using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class ModuleSignalTests
{
    private const string Signal = "module";

    [Fact]
    public void ADottedModuleName_RanksTheModulesFile()
    {
        var commit = new InMemoryCommit()
            .With("shop/payments/gateway.py", "def charge(card):\n    pass\n")
            .With("shop/payments/__init__.py", string.Empty)
            .With("shop/payments/gateway_client.py", string.Concat(Enumerable.Repeat("# payments gateway charge twice upgrading\n", 5)));
        const string Text = "Charged twice since upgrading\nshop.payments.gateway charges twice (payments gateway charge)";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("shop/payments/gateway.py", on[0].Path);
        Assert.Contains("module shop.payments.gateway named in the text", on[0].Reasons);
        Assert.Equal("shop/payments/gateway_client.py", off[0]);
    }

    [Fact]
    public void ADottedNameWithAFileExtension_NamesTheModuleWhenNoFileHasThatName()
    {
        var commit = new InMemoryCommit()
            .With("shop/io/ascii/rst.py", "class RstWriter:\n    def emit(self, lines):\n        return lines\n")
            .With("shop/io/ascii/core.py", string.Concat(Enumerable.Repeat("# write table format header rows writer\n", 6)))
            .With("shop/io/ascii/__init__.py", string.Empty);
        const string Text = "Header rows are lost on write\n\nA table written as ascii.rst has no header rows:\n\n    table.write(out, format=\"ascii.rst\", header_rows=[\"name\"])\n";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal("shop/io/ascii/rst.py", on[0].Path);
        Assert.Contains("module ascii.rst named in the text", on[0].Reasons);
        Assert.Equal("shop/io/ascii/core.py", off[0]);
    }

    [Fact]
    public void AModuleNamedInALongList_CountsForLessThanOneNamedAlone()
    {
        var commit = new InMemoryCommit().With("shop/ext/__init__.py", string.Empty);
        foreach (var name in (string[])["render", "alpha", "beta", "gamma", "delta", "epsilon"])
        {
            commit.With($"shop/ext/{name}.py", $"def setup_{name}(app):\n    pass\n");
        }

        var alone = commit.Rank("Pages break with shop.ext.render enabled").Single(r => r.Path == "shop/ext/render.py");
        var listed = commit.Rank("Pages break with these enabled:\n\n    extensions = ['shop.ext.render', 'shop.ext.alpha', 'shop.ext.beta', 'shop.ext.gamma', 'shop.ext.delta', 'shop.ext.epsilon']\n")
            .Single(r => r.Path == "shop/ext/render.py");

        Assert.Contains("module shop.ext.render named in the text", listed.Reasons);
        Assert.True(listed.Score < alone.Score * 0.75, $"listed {listed.Score}, alone {alone.Score}");
    }

    [Fact]
    public void ANamedPackageThatOnlyReExports_CountsLessThanTheModuleWithTheCode()
    {
        var commit = new InMemoryCommit()
            .With("shop/payments/__init__.py", "from .refunds import partial_refund\nfrom .cards import charge\n")
            .With("shop/payments/refunds.py", "import math\n\ndef partial_refund(amount):\n    # a partial refund, rounded\n    return math.floor(amount)\n")
            .With("shop/payments/cards.py", "def charge(card, amount):\n    return card\n");

        var ranked = commit.Rank("Refunds through shop.payments are rounded down\n\nA partial refund of 10.05 pays back 10.");

        Assert.Equal("shop/payments/refunds.py", ranked[0].Path);
        Assert.Contains("module shop.payments named in the text", ranked.Single(r => r.Path == "shop/payments/__init__.py").Reasons);
    }

    [Fact]
    public void AModuleTheProseNames_OutranksOneTheExampleOnlyImports()
    {
        var commit = new InMemoryCommit()
            .With("shop/plotting.py", "def plot(box):\n    return box\n")
            .With("shop/legend.py", "class Legend:\n    pass\n");

        var ranked = commit.Paths("Wrong place after a resize\n\nA box from shop.legend is drawn in the wrong place once the window is resized:\n\n    import shop.plotting as sp\n    sp.plot(box)\n");

        Assert.Equal(["shop/legend.py", "shop/plotting.py"], ranked);
    }
}
