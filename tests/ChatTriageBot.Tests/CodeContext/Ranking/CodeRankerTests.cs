using ChatTriageBot.CodeContext;
using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class CodeRankerTests : IDisposable
{
    private readonly string _data = TempDirectory.NewFolder();
    private readonly CodeIndexStore _indexes;
    private readonly CodeRanker _ranker;

    // The ranker as the bot runs it: over the persistent index.
    public CodeRankerTests()
    {
        _indexes = new CodeIndexStore(Path.Combine(_data, "index"));
        _ranker = new CodeRanker(_indexes);
    }

    public void Dispose()
    {
        _indexes.Dispose();
        TempDirectory.DeleteTree(_data);
    }

    private async Task<IReadOnlyList<RankedFile>> RankAsync(TestRepository repo, string text, int top = 10)
    {
        repo.Commit();
        using var snapshot = await RepositorySnapshot.OpenAsync(repo.Path, null, _data, cancellationToken: TestContext.Current.CancellationToken);
        return await _ranker.RankAsync(snapshot, text, CodeReferenceExtractor.Extract(text), top, TestContext.Current.CancellationToken);
    }

    /// <summary>Commits <paramref name="files"/> changed together <paramref name="times"/> times (a comment line added each time).</summary>
    private static void ChangeTogether(TestRepository repo, int times, string message, params (string Path, string Text)[] files)
    {
        for (var i = 0; i < times; i++)
        {
            foreach (var (path, text) in files)
            {
                repo.WriteFile(path, $"{text}# change {i}\n");
            }

            repo.Commit($"{message} {i}");
        }
    }

    private static string Filler(string word, int lines) =>
        string.Concat(Enumerable.Range(1, lines).Select(i => $"// {word} filler line {i}\n"));

    [Fact]
    public async Task Words_RankTheFileThatUsesThemFirst_WithMatchReasons()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/cart.js", "function emptyCart(cart) { cart.items = []; cart.total = 0; }\n")
            .WriteFile("src/user.js", "function renameUser(user, name) { user.name = name; }\n")
            .WriteFile("README.md", "# Shop\n");

        var ranked = await RankAsync(repo, "When I empty the cart the total stays the same");

        Assert.Equal("src/cart.js", ranked[0].Path);
        Assert.Contains(ranked[0].Reasons, r => r.StartsWith("matches: ", StringComparison.Ordinal) && r.Contains("cart", StringComparison.Ordinal));
        Assert.Equal([new LineRange(1, 1)], ranked[0].Ranges);
        Assert.DoesNotContain(ranked, r => r.Path == "README.md");
    }

    [Fact]
    public async Task LongFile_GetsTheBestFortyLineWindow()
    {
        using var repo = new TestRepository();
        var body = Filler("alpha", 100) + "def apply_coupon(cart, coupon):\n    cart.discount = coupon.percent\n" + Filler("omega", 100);
        repo.WriteFile("shop/coupons.py", body).WriteFile("shop/other.py", "x = 1\n");

        var ranked = await RankAsync(repo, "apply coupon discount is wrong");

        var range = Assert.Single(ranked[0].Ranges);
        Assert.InRange(101, range.Start, range.End);
        Assert.InRange(102, range.Start, range.End);
        Assert.Equal(40, range.End - range.Start + 1);
    }

    [Fact]
    public async Task TestFiles_AreDownWeightedUnlessNamed()
    {
        using var repo = new TestRepository();
        const string Content = "def refund_order(order):\n    order.refund_amount = order.paid\n";
        repo.WriteFile("shop/refunds.py", Content).WriteFile("tests/test_refunds.py", Content + "# refund order refund order\n");

        var unnamed = await RankAsync(repo, "refund order amount is wrong");
        var named = await RankAsync(repo, "refund order amount is wrong, see tests/test_refunds.py");

        Assert.Equal(["shop/refunds.py", "tests/test_refunds.py"], unnamed.Select(r => r.Path));
        Assert.Contains("test file (down-weighted)", unnamed[1].Reasons);
        Assert.Equal("tests/test_refunds.py", named[0].Path);
    }

    [Fact]
    public async Task Documentation_IsDownWeightedBelowCode()
    {
        using var repo = new TestRepository();
        repo.WriteFile("docs/exports.md", string.Concat(Enumerable.Repeat("The csv export writes a header row, then one row per order.\n", 4)))
            .WriteFile("shop/export.py", "def csv_export(orders):\n    header = ['order']\n    return header\n");

        var ranked = await RankAsync(repo, "The csv export has no header row for orders");

        Assert.Equal(["shop/export.py", "docs/exports.md"], ranked.Select(r => r.Path));
        Assert.Contains("documentation (down-weighted)", ranked[1].Reasons);
    }

    [Fact]
    public async Task AnExampleScriptThatRepeatsTheReportsCalls_StaysBelowTheCodeItShows()
    {
        using var repo = new TestRepository();
        repo.WriteFile("examples/checkout/discount_demo.py", string.Concat(Enumerable.Repeat("cart = Cart()\ncart.add(item, price=10.05)\nprint(cart.total(discount=0.1))\n", 3)))
            .WriteFile("shop/pricing.py", "def with_discount(price, discount):\n    return round(price - price * discount, 1)\n")
            .WriteFile("shop/orders.py", "def place(cart):\n    return cart\n");

        var ranked = await RankAsync(repo, "A discount rounds the price to one decimal\n\ncart = Cart()\ncart.add(item, price=10.05)\nprint(cart.total(discount=0.1))");

        Assert.Equal("shop/pricing.py", ranked[0].Path);
        Assert.Contains("documentation (down-weighted)", ranked.Single(r => r.Path.StartsWith("examples/", StringComparison.Ordinal)).Reasons);
    }

    [Fact]
    public async Task TheHeadingsOfTheRepositorysIssueTemplate_DoNotRankCode()
    {
        using var repo = new TestRepository();
        repo.WriteFile(".github/ISSUE_TEMPLATE/bug_report.yml", "name: Bug report\nbody:\n  - type: input\n    attributes:\n      label: Operating system\n  - type: input\n    attributes:\n      label: Payment backend version\n  - type: input\n    attributes:\n      label: Installation\n")
            .WriteFile("shop/backends/installation.py", "# payment backend installation: operating system and version checks\ndef check_backend_version(operating_system, version):\n    return version\n")
            .WriteFile("shop/refunds.py", "def partial_refund(amount, rate):\n    return round(amount * rate)\n");

        var ranked = await RankAsync(repo, "A partial refund is rounded\n\n### Operating system\n\nLinux\n\n### Payment backend version\n\n2.1\n\n### Installation\n\npip\n\nA partial refund of 10.05 comes back as 10.");

        Assert.Equal(["shop/refunds.py"], ranked.Select(r => r.Path));
    }

    [Fact]
    public async Task ProseNamedByAnIssueTemplate_StaysBelowTheCodeTheReportIsAbout()
    {
        using var repo = new TestRepository();
        repo.WriteFile("CONTRIBUTING.md", "How to contribute: open an issue first, then run the tests.\n")
            .WriteFile("CODE_OF_CONDUCT.md", "Be kind to each other.\n")
            .WriteFile("shop/refunds.py", "import math\n\ndef partial_refund(amount):\n    return math.floor(amount)\n")
            .WriteFile("shop/orders.py", "def place(order):\n    return order\n");

        var ranked = await RankAsync(repo, "Refunds: a partial refund is rounded down\n\nI have read CONTRIBUTING.md and CODE_OF_CONDUCT.md. A partial refund of 10.05 comes back as 10.00.");

        Assert.Equal("shop/refunds.py", ranked[0].Path);
        Assert.All(ranked.Where(r => r.Path.EndsWith(".md", StringComparison.Ordinal)), r => Assert.Contains("documentation (down-weighted)", r.Reasons));
    }

    [Fact]
    public async Task Top_LimitsTheResultsAndUnrelatedTextRanksNothing()
    {
        using var repo = new TestRepository();
        for (var i = 0; i < 5; i++)
        {
            repo.WriteFile($"src/module{i}.py", $"def handler_{i}(request):\n    return invoice_{i}\n");
        }

        var limited = await RankAsync(repo, "handler invoice", top: 2);
        var nothing = await RankAsync(repo, "zebra giraffe");

        Assert.Equal(2, limited.Count);
        Assert.Empty(nothing);
    }

    [Fact]
    public void ManyFiles_NamedFileAmongThousandsOfLookalikes_RanksFirst()
    {
        // Speed is measured by the benchmark project, not here; this checks ranking still holds at scale.
        var files = Enumerable.Range(0, 5_000)
            .Select(i => new RepositoryTextFile(
                $"src/module{i % 100}/File{i}.cs",
                "0",
                string.Concat(Enumerable.Range(0, 60).Select(j => $"    public int Compute{j}Value(int orderId{i}) => orderId{i} * {j}; // cart total line\n"))))
            .ToList();
        var text = "Cart total is wrong in File4242.Compute7Value, see src/module42/File4242.cs:3";
        var ranked = CodeRanker.RankFiles(files, text, CodeReferenceExtractor.Extract(text), 10, TestContext.Current.CancellationToken);

        Assert.Equal("src/module42/File4242.cs", ranked[0].Path);
    }

    [Fact]
    public async Task ATestNamedAfterNoFile_LiftsTheCodeGitSaysItChangedWith()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/discounts.py", "def combine(rules):\n    return rules\n")
            .WriteFile("shop/banner.py", "# shown at checkout\nTEXT = 'checkout'\n")
            .WriteFile("tests/checkout/tests.py", "def test_coupon_stacking():\n    order = checkout(coupons=[coupon, coupon])\n    assert coupon_stacking_total(order) == 1\n");
        repo.Commit("start");
        ChangeTogether(repo, 3, "Fix", ("shop/discounts.py", "def combine(rules):\n    return rules\n"), ("tests/checkout/tests.py", "def test_coupon_stacking():\n    order = checkout(coupons=[coupon, coupon])\n    assert coupon_stacking_total(order) == 1\n"));

        var ranked = await RankAsync(repo, "Coupon stacking at checkout\n\nTwo coupons on one order both apply.");

        var discounts = ranked.Single(r => r.Path == "shop/discounts.py");
        Assert.Contains("changes together with the test checkout/tests.py", discounts.Reasons);
        Assert.True(ranked.ToList().IndexOf(discounts) < ranked.ToList().FindIndex(r => r.Path == "shop/banner.py"));
    }

    [Fact]
    public async Task AFileAPastFixOfASimilarBugChanged_RanksAboveOnesThatOnlyShareWords()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/export/writer.py", "def write_rows(rows, out):\n    for row in rows:\n        out.write(row)\n")
            .WriteFile("src/export/report.py", "def build_report(rows):\n    # rows of the report, exported as csv\n    return rows\n")
            .WriteFile("src/unrelated.py", "x = 1\n");
        repo.Commit("start");
        repo.WriteFile("src/export/writer.py", "def write_rows(rows, out):\n    for row in rows:\n        out.write(row + '\\n')\n")
            .Commit("Quote delimiters in CSV export so Excel opens the file");

        var ranked = await RankAsync(repo, "CSV export opens garbled in Excel when a row has a delimiter\n\nThe report rows get split.");

        Assert.Equal("src/export/writer.py", ranked[0].Path);
        Assert.Contains(ranked[0].Reasons, r => r.StartsWith("changed by a past commit much like it: \"Quote delimiters in CSV export", StringComparison.Ordinal));
        Assert.DoesNotContain(ranked, r => r.Path == "src/unrelated.py");
    }

    [Fact]
    public async Task WordsWrittenAsCode_WeighMoreThanTheSameWordsInProse()
    {
        using var repo = new TestRepository();
        repo.WriteFile("ui/layout.py", "gap = theme.spacing\n")
            .WriteFile("ui/painter.py", "color = theme.stroke\n")
            .WriteFile("ui/menu.py", "items = []\n")
            .WriteFile("ui/icons.py", "size = 16\n");

        var ranked = await RankAsync(repo, "The dialog breaks after this:\n\n    >>> theme.stroke\n\nand the spacing looks odd too.");

        Assert.Equal(["ui/painter.py", "ui/layout.py"], ranked.Take(2).Select(r => r.Path));
    }

    [Fact]
    public async Task TheFirstLineOfTheRequest_WeighsMoreThanItsBody()
    {
        using var repo = new TestRepository();
        repo.WriteFile("alpha/currency.py", "currency = 1\n")
            .WriteFile("zeta/invoice.py", "invoice = 1\n")
            .WriteFile("beta/menu.py", "items = []\n")
            .WriteFile("gamma/icons.py", "size = 16\n");

        var ranked = await RankAsync(repo, "Invoice totals come out rounded wrongly\nIt happens in every region we sell in, whatever the currency.");

        Assert.Equal(["zeta/invoice.py", "alpha/currency.py"], ranked.Take(2).Select(r => r.Path));
    }

    [Fact]
    public void Without_AnUnknownSignal_IsRefusedNamingTheSignals()
    {
        var error = Assert.Throws<ArgumentException>(() => RankingOptions.Without(CodeRanker.SignalNames[0], "no-such-signal"));

        Assert.Contains("unknown signal no-such-signal", error.Message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", CodeRanker.SignalNames), error.Message, StringComparison.Ordinal);
    }
}
