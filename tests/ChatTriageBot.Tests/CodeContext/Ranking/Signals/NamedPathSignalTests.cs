using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class NamedPathSignalTests
{
    private const string Signal = "named-path";

    [Fact]
    public void APathTheTextWrites_RanksThatFileFirst_WithTheLinesAroundItsLine()
    {
        var commit = new InMemoryCommit()
            .With("src/Billing/InvoiceTotals.cs", "class InvoiceTotals { /* invoice total tax rounding invoice total tax rounding */ }\n")
            .With("src/Billing/Money.cs", "class Money { }\n" + InMemoryCommit.Filler("padding", 60));
        const string Text = "Invoice total tax rounding is off by a cent\nI think the fault is in src/Billing/Money.cs:50";

        var on = commit.Rank(Text);
        var off = commit.Rank(Text, Signal);

        Assert.Equal("src/Billing/Money.cs", on[0].Path);
        Assert.Contains("named in the text", on[0].Reasons);
        Assert.Equal(new LineRange(40, 60), on[0].Ranges[0]);
        Assert.Equal("src/Billing/InvoiceTotals.cs", off[0].Path);
    }

    [Fact]
    public void AFileNameSeveralFilesBear_LiftsEachOfThem()
    {
        var commit = new InMemoryCommit()
            .With("shop/utils.py", "def slugify(value):\n    return value\n")
            .With("admin/utils.py", "def slugify(value):\n    return value\n")
            .With("shop/rounding.py", "# rounding helper rounding helper broken\n");
        const string Text = "The rounding helper in utils.py is broken";

        var on = commit.Rank(Text);
        var off = commit.Paths(Text, Signal);

        Assert.Equal(["admin/utils.py", "shop/utils.py", "shop/rounding.py"], on.Select(r => r.Path));
        Assert.Contains("basename named in the text", on[0].Reasons);
        Assert.Equal("shop/rounding.py", off[0]);
    }

    [Fact]
    public void ABareFileNameOfTheReportersProject_DoesNotNameASampleProjectUnderTests()
    {
        var commit = new InMemoryCommit()
            .With("tests/sample_project/manage.py", "import sys\n\ndef main():\n    execute_from_command_line(sys.argv)\n")
            .With("shop/migrations/autodetector.py", "def detect_renamed_fields(old, new):\n    return [f for f in new if f not in old]\n");

        var ranked = commit.Rank("Renamed fields are not detected\n\nAfter renaming a field, python manage.py makemigrations detects no renamed fields.");

        Assert.Equal("shop/migrations/autodetector.py", ranked[0].Path);
        var sample = Assert.Single(ranked, r => r.Path == "tests/sample_project/manage.py");
        Assert.Contains("basename named in the text", sample.Reasons);
        Assert.Contains("test file (down-weighted)", sample.Reasons);
        Assert.DoesNotContain("named in the text", sample.Reasons);
    }

    [Fact]
    public void TheOuterFramesOfATraceback_CountHalfAsNamed()
    {
        // Three frames of setup call the innermost one; the summary is about the key classes.
        var commit = new InMemoryCommit()
            .With("shop/cli.py", "import sys\nfrom shop import boot\nboot.setup(sys.argv)\n")
            .With("shop/boot.py", "from shop import registry\nregistry.load()\n")
            .With("shop/registry.py", "from shop import apps\n\nfor app in apps.installed():\n    app.ready()\n")
            .With("shop/apps.py", "def ready(self):\n    self.check_keys()\n\ndef check_keys(self):\n    raise ValueError('must subclass AutoKey')\n")
            .With("shop/keys.py", "class AutoKey:\n    pass\n\nclass BigAutoKey(AutoKey):\n    pass\n\nclass SmallAutoKey(AutoKey):\n    pass\n");

        var ranked = commit.Rank("""
            DEFAULT_KEY subclass check fails for subclasses of BigAutoKey and SmallAutoKey
            Traceback (most recent call last):
              File "/srv/venv/lib/python3.11/site-packages/shop/cli.py", line 3, in <module>
                boot.setup(sys.argv)
              File "/srv/venv/lib/python3.11/site-packages/shop/boot.py", line 2, in <module>
                registry.load()
              File "/srv/venv/lib/python3.11/site-packages/shop/registry.py", line 4, in <module>
                app.ready()
              File "/srv/venv/lib/python3.11/site-packages/shop/apps.py", line 5, in check_keys
                raise ValueError('must subclass AutoKey')
            ValueError: DEFAULT_KEY must subclass AutoKey.
            """);

        Assert.Equal(["shop/apps.py", "shop/keys.py"], ranked.Take(2).Select(r => r.Path));
        Assert.Contains("named in the text", ranked.Single(r => r.Path == "shop/cli.py").Reasons);
    }

    [Fact]
    public void ALinkToLinesOfAFile_GivesThoseLines()
    {
        var commit = new InMemoryCommit()
            .With("web/src/cart.ts", InMemoryCommit.Filler("cart", 80))
            .With("web/src/user.ts", "export const user = 1;\n");
        const string Text = "Wrong here: https://github.com/acme/shop/blob/main/web/src/cart.ts#L12-L18";

        var on = commit.Rank(Text);
        var off = commit.Rank(Text, Signal);

        Assert.Equal("web/src/cart.ts", on[0].Path);
        Assert.Equal(new LineRange(12, 18), on[0].Ranges[0]);
        Assert.NotEqual(new LineRange(12, 18), off.Single(r => r.Path == "web/src/cart.ts").Ranges[0]);
    }
}
