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
    public async Task NamedPath_BeatsAFileWithMoreMatchingWords()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/Billing/InvoiceTotals.cs", "class InvoiceTotals { /* invoice total tax rounding invoice total tax rounding */ }\n")
            .WriteFile("src/Billing/Rounding.cs", "class Rounding { /* money */ }\n" + Filler("money", 60));

        var ranked = await RankAsync(repo, "Invoice total tax rounding is off by a cent, I think in src/Billing/Rounding.cs:50");

        Assert.Equal("src/Billing/Rounding.cs", ranked[0].Path);
        Assert.Contains("named in the text", ranked[0].Reasons);
        Assert.Equal(new LineRange(40, 60), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task StackFrame_PutsTheFrameFileFirstWithItsLine()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/cart/pricing.py", "def compute_total(items):\n" + Filler("prices", 40) + "    return sum(prices[i.sku] for i in items)\n")
            .WriteFile("shop/cart/views.py", "def checkout(request):\n    # sku prices lookup sku prices lookup for the checkout\n    return render(request)\n")
            .WriteFile("shop/catalog/sku.py", "# sku sku sku prices prices lookup lookup\n");
        const string Text = """
            Checkout crashes with a missing sku in prices lookup
            I looked at shop/cart/views.py already:
            Traceback (most recent call last):
              File "/srv/app/shop/cart/pricing.py", line 42, in compute
            KeyError: 'SKU-1209'
            """;

        var ranked = await RankAsync(repo, Text);

        Assert.Equal("shop/cart/pricing.py", ranked[0].Path);
        Assert.Contains("stack frame line 42", ranked[0].Reasons);
        Assert.Equal(new LineRange(32, 42), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task ATracebacksOuterFrames_DoNotCrowdOutTheFileTheSummaryIsAbout()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/cli.py", "import sys\nfrom shop import boot\nboot.setup(sys.argv)\n")
            .WriteFile("shop/boot.py", "from shop import registry\nregistry.load()\n")
            .WriteFile("shop/registry.py", "from shop import apps\n\nfor app in apps.installed():\n    app.ready()\n")
            .WriteFile("shop/apps.py", "def ready(self):\n    self.check_keys()\n\ndef check_keys(self):\n    raise ValueError('must subclass AutoKey')\n")
            .WriteFile("shop/keys.py", "class AutoKey:\n    pass\n\nclass BigAutoKey(AutoKey):\n    pass\n\nclass SmallAutoKey(AutoKey):\n    pass\n");

        var ranked = await RankAsync(repo, """
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
    public async Task ACallableWhoseSignatureRefusedTheCall_OutranksTheFramesThatCalledIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/io/core.py", "def get_writer(Writer, **writer_kwargs):\n    writer = Writer(**writer_kwargs)\n    return writer\n")
            .WriteFile("shop/io/ui.py", "from shop.io import core\n\ndef write(table, **kwargs):\n    writer = core.get_writer(**kwargs)\n    return writer.write(table)\n")
            .WriteFile("shop/io/rst.py", "class RST:\n    def __init__(self):\n        self.header = None\n\n    def write(self, lines):\n        return lines\n")
            .WriteFile("shop/io/fixed.py", "class Fixed:\n    def __init__(self, header_rows=None):\n        self.header_rows = header_rows\n");

        var ranked = await RankAsync(repo, """
            Please support header rows in the table output
            >>> tbl.write(sys.stdout, format="rst", header_rows=["name", "unit"])
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/shop/io/ui.py", line 4, in write
                writer = core.get_writer(**kwargs)
              File "/usr/lib/python3/dist-packages/shop/io/core.py", line 2, in get_writer
                writer = Writer(**writer_kwargs)
            TypeError: RST.__init__() got an unexpected keyword argument 'header_rows'
            """);

        var rst = ranked.Single(r => r.Path == "shop/io/rst.py");
        Assert.Equal("shop/io/rst.py", ranked[0].Path);
        Assert.Contains("RST.__init__() refused the call: got an unexpected keyword argument", rst.Reasons);
        Assert.Equal(new LineRange(1, 6), rst.Ranges[0]);
    }

    [Fact]
    public async Task MentionedSymbol_RanksTheDefiningFileAboveCallers()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/Cart/CartService.cs", "namespace Shop;\n\npublic sealed class CartService\n{\n    public decimal Total(Cart cart) => cart.Lines.Sum(l => l.Price);\n}\n")
            .WriteFile("src/Api/CartEndpoints.cs", "// calls CartService.Total: total total total cart cart service\nvar total = cartService.Total(cart); total = cartService.Total(cart);\n");

        var ranked = await RankAsync(repo, "CartService.Total returns the wrong total for the cart service");

        Assert.Equal("src/Cart/CartService.cs", ranked[0].Path);
        Assert.Contains("defines CartService.Total", ranked[0].Reasons);
        Assert.Equal(new LineRange(3, 6), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task MentionedFunction_RanksTheFileDefiningIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/discounts.py", "def apply_discount(cart, code):\n    return cart\n")
            .WriteFile("shop/checkout.py", "# apply discount apply discount discount code cart\ncart = apply_discount(cart, code)\ncart = apply_discount(cart, code)\n");

        var ranked = await RankAsync(repo, "apply_discount ignores the discount code for my cart");

        Assert.Equal("shop/discounts.py", ranked[0].Path);
        Assert.Contains("defines apply_discount", ranked[0].Reasons);
    }

    [Fact]
    public async Task ASymbolTheSummaryNames_OutranksOneTheExampleCodeOnlyUses()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/cart.py", "class Cart:\n    def total(self):\n        return sum(self.items)\n")
            .WriteFile("shop/coupon.py", "class Coupon:\n    def apply(self, total):\n        return total\n");

        var ranked = await RankAsync(repo, "Wrong Coupon discount in the total\n\n```\nc = Cart()\nCoupon('10OFF').apply(c.total())\n```\n");

        Assert.Equal(["shop/coupon.py", "shop/cart.py"], ranked.Select(r => r.Path));
    }

    [Fact]
    public async Task ANameTheReportDefinesItself_IsNotTheRepositorysUnlessTheSummaryNamesIt()
    {
        // The reporter's own Profile model shares its name with the shop's; the ChoiceField class pasted under a
        // summary that names it is the shop's code, quoted.
        using var repo = new TestRepository();
        repo.WriteFile("shop/accounts/profile.py", "class Profile:\n    def display_name(self):\n        return self.name\n")
            .WriteFile("shop/forms/fields.py", "class ChoiceField:\n    def validate(self, value):\n        raise ValidationError('invalid choice')\n")
            .WriteFile("shop/forms/prefetch.py", "def prefetch_choices(queryset):\n    return list(queryset)\n");

        var ranked = await RankAsync(repo, """
            ChoiceField hides the invalid value when prefetched choices are used
            With this model:
            class Profile(models.Model):
                kind = models.CharField(choices=KINDS)
            and the field as it is now:
            class ChoiceField(Field):
                def validate(self, value): ...
            Profile.objects.all() gives the choices, and prefetch_choices drops the invalid value.
            """);

        Assert.Contains("defines ChoiceField", ranked.Single(r => r.Path == "shop/forms/fields.py").Reasons);
        Assert.DoesNotContain(ranked.Where(r => r.Path == "shop/accounts/profile.py"), r => r.Reasons.Contains("defines Profile"));
        Assert.Equal("shop/forms/fields.py", ranked[0].Path);
    }

    [Fact]
    public async Task ASymbolTheProseNames_OutranksTypesTheExampleOnlyBuilds()
    {
        // The example builds a product and a cart to show the bug; the prose says what goes wrong: apply_coupon.
        using var repo = new TestRepository();
        repo.WriteFile("shop/models.py", "class Product:\n    def __init__(self, price):\n        self.price = price\n\n\nclass Cart:\n    def add(self, product):\n        pass\n")
            .WriteFile("shop/coupons.py", "def apply_coupon(cart, code):\n    return cart\n");

        var ranked = await RankAsync(repo, "Discount lost after checkout\n\nSince the upgrade `apply_coupon` drops the code. To reproduce:\n\n    p = Product(price=10)\n    c = Cart()\n    c.add(p)\n    apply_coupon(c, '10OFF')\n");

        Assert.Equal(["shop/coupons.py", "shop/models.py"], ranked.Select(r => r.Path));
    }

    [Fact]
    public async Task AModuleTheProseNames_OutranksOneTheExampleOnlyImports()
    {
        // Every example imports the plotting entry point; the prose names the module the report is about.
        using var repo = new TestRepository();
        repo.WriteFile("shop/plotting.py", "def plot(box):\n    return box\n")
            .WriteFile("shop/legend.py", "class Legend:\n    pass\n");

        var ranked = await RankAsync(repo, "Wrong place after a resize\n\nA box from shop.legend is drawn in the wrong place once the window is resized:\n\n    import shop.plotting as sp\n    sp.plot(box)\n");

        Assert.Equal(["shop/legend.py", "shop/plotting.py"], ranked.Select(r => r.Path));
    }

    [Fact]
    public async Task MentionedType_RanksTheFileDefiningIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/Orders/Handlers.cs", "namespace Shop;\n\npublic sealed class RefundPolicy\n{\n}\n")
            .WriteFile("src/Orders/Usage.cs", "// refund policy refund policy refund policy\nvar p = new RefundPolicy(); var q = new RefundPolicy();\n");

        var ranked = await RankAsync(repo, "RefundPolicy refuses every refund");

        Assert.Equal("src/Orders/Handlers.cs", ranked[0].Path);
        Assert.Contains("defines RefundPolicy", ranked[0].Reasons);
    }

    [Fact]
    public async Task FormattedErrorMessage_MatchesItsFixedPart()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/payments.py", "def pay(cart):\n    raise ValueError(f\"Cart {cart.id} has no items left to pay\")\n")
            .WriteFile("shop/cart.py", "# cart items left cart items pay cart items left pay\n");

        var ranked = await RankAsync(repo, "Paying fails: \"Cart 8812 has no items left to pay\" but the cart has items left");

        Assert.Equal("shop/payments.py", ranked[0].Path);
        Assert.Contains("contains \"has no items left to pay\"", ranked[0].Reasons);
        Assert.Equal(new LineRange(1, 2), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task AMessageTheCodeSplitsOverTwoLiterals_IsStillFound()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/checks.py", "def check_ordering(field):\n    return Error(\n        \"'ordering' refers to the nonexistent field, \"\n        \"related field, or lookup '%s'.\" % field,\n    )\n")
            .WriteFile("shop/ordering.py", "# ordering: field lookup, related field lookup, nonexistent field refers to ordering field lookup\n");

        var ranked = await RankAsync(repo, "Check fails for ordering by a lookup\n\napp.Stock: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'supply__isnull'.");

        Assert.Equal("shop/checks.py", ranked[0].Path);
        Assert.Contains("contains \"refers to the nonexistent field, related field, or lookup\"", ranked[0].Reasons);
        Assert.Equal(new LineRange(1, 5), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task AmbiguousBasename_StillLiftsTheFilesOfThatName()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/utils.py", "def slugify(value):\n    return value\n")
            .WriteFile("admin/utils.py", "def slugify(value):\n    return value\n")
            .WriteFile("shop/rounding.py", "# rounding helper rounding helper broken\n");

        var ranked = await RankAsync(repo, "The rounding helper in utils.py is broken");

        Assert.Equal(["admin/utils.py", "shop/utils.py", "shop/rounding.py"], ranked.Select(r => r.Path));
        Assert.Contains("basename named in the text", ranked[0].Reasons);
    }

    [Fact]
    public async Task QuotedErrorMessage_RanksTheFileContainingItFirst()
    {
        using var repo = new TestRepository();
        repo.WriteFile("app/services/cart_updater.rb", "class CartUpdater\n  def call\n    raise Error, 'Your cart could not be updated'\n  end\nend\n")
            .WriteFile("app/views/cart_page.rb", "# cart page: update cart, cart updated, your cart, cart cart cart updated\n");

        var ranked = await RankAsync(repo, "The customer sees \"Your cart could not be updated\" on the cart page when the cart is updated");

        Assert.Equal("app/services/cart_updater.rb", ranked[0].Path);
        Assert.Contains("contains \"Your cart could not be updated\"", ranked[0].Reasons);
        Assert.Equal(new LineRange(1, 5), ranked[0].Ranges[0]);
    }

    [Fact]
    public async Task QuotedErrorMessage_IsFoundInTheCode_ThoughItsTranslationsMatchTheRequestBetter()
    {
        // Every translation holds the message and the request's words many times over, and together they are more
        // text than one request may read: the code is searched first.
        using var repo = new TestRepository();
        var catalog = string.Concat(Enumerable.Range(0, 4_000).Select(i => $"msgid \"cart {i} could not be updated\"\nmsgstr \"cart {i}\"\n"));
        foreach (var language in new[] { "de", "fr", "es", "it", "nl", "pt", "sv", "da" })
        {
            repo.WriteFile($"shop/locale/{language}/LC_MESSAGES/shop.po", "msgid \"Your cart could not be updated\"\n" + catalog);
        }

        // A long module: on words alone every catalog matches the request better.
        var helpers = string.Concat(Enumerable.Range(0, 6_000).Select(i => $"def helper_{i}(value):\n    return value + {i}\n"));
        repo.WriteFile("shop/cart_updater.py", "def update(cart):\n    raise CartError(_('Your cart could not be updated'))\n" + helpers);

        var ranked = await RankAsync(repo, "The customer sees \"Your cart could not be updated\" when the cart is updated");

        Assert.Equal("shop/cart_updater.py", ranked[0].Path);
        Assert.Contains("contains \"Your cart could not be updated\"", ranked[0].Reasons);
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
    public async Task ABareFileNameOfTheReportersProject_DoesNotNameASampleProjectUnderTests()
    {
        using var repo = new TestRepository();
        repo.WriteFile("tests/sample_project/manage.py", "import sys\n\ndef main():\n    execute_from_command_line(sys.argv)\n")
            .WriteFile("shop/migrations/autodetector.py", "def detect_renamed_fields(old, new):\n    return [f for f in new if f not in old]\n");

        var ranked = await RankAsync(repo, "Renamed fields are not detected\n\nAfter renaming a field, python manage.py makemigrations detects no renamed fields.");

        Assert.Equal("shop/migrations/autodetector.py", ranked[0].Path);
        var sample = Assert.Single(ranked, r => r.Path == "tests/sample_project/manage.py");
        Assert.Contains("test file (down-weighted)", sample.Reasons);
        Assert.DoesNotContain("named in the text", sample.Reasons);
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
    public async Task DottedModuleName_RanksTheModuleFile()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/payments/gateway.py", "def charge(card):\n    pass\n")
            .WriteFile("shop/payments/__init__.py", "")
            .WriteFile("shop/payments/gateway_client.py", string.Concat(Enumerable.Repeat("# payments gateway charge twice upgrading\n", 5)));

        var ranked = await RankAsync(repo, "Since upgrading, shop.payments.gateway charges twice (payments gateway charge)");

        Assert.Equal("shop/payments/gateway.py", ranked[0].Path);
        Assert.Contains("module shop.payments.gateway named in the text", ranked[0].Reasons);
    }

    [Fact]
    public async Task ADottedNameWithAFileExtension_NamesTheModuleWhenNoFileHasThatName()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/io/ascii/rst.py", "class RstWriter:\n    def write(self, table):\n        return table\n")
            .WriteFile("shop/io/ascii/core.py", string.Concat(Enumerable.Repeat("# write table format header rows writer\n", 6)))
            .WriteFile("shop/io/ascii/__init__.py", "");

        var ranked = await RankAsync(repo, "Header rows are lost on write\n\n    table.write(out, format=\"ascii.rst\", header_rows=[\"name\"])\n");

        Assert.Equal("shop/io/ascii/rst.py", ranked[0].Path);
        Assert.Contains("module ascii.rst named in the text", ranked[0].Reasons);
    }

    [Fact]
    public async Task ANamedPackageThatOnlyReExports_CountsLessThanTheModuleWithTheCode()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/payments/__init__.py", "from .refunds import partial_refund\nfrom .cards import charge\n")
            .WriteFile("shop/payments/refunds.py", "import math\n\ndef partial_refund(amount):\n    # a partial refund, rounded\n    return math.floor(amount)\n")
            .WriteFile("shop/payments/cards.py", "def charge(card, amount):\n    return card\n");

        var ranked = await RankAsync(repo, "Refunds through shop.payments are rounded down\n\nA partial refund of 10.05 pays back 10.");

        Assert.True(ranked[0].Path == "shop/payments/refunds.py", string.Join("\n", ranked.Select(r => $"{r.Path} {r.Score}: {string.Join("; ", r.Reasons)}")));
        Assert.Contains("module shop.payments named in the text", ranked.Single(r => r.Path == "shop/payments/__init__.py").Reasons);
    }

    [Fact]
    public async Task JavaFrame_MatchesThePackagePath()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/main/java/com/acme/orders/OrderService.java", "package com.acme.orders;\n\npublic class OrderService {\n  public void cancel(Order o) { }\n}\n")
            .WriteFile("src/main/java/com/acme/legacy/OrderService.java", "package com.acme.legacy;\n\npublic class OrderService { /* cancel cancel order shipped */ }\n");
        const string Text = """
            Cancel fails for a shipped order
            java.lang.IllegalStateException: order already shipped
                at com.acme.orders.OrderService.cancel(OrderService.java:4)
            """;

        var ranked = await RankAsync(repo, Text);

        Assert.Equal("src/main/java/com/acme/orders/OrderService.java", ranked[0].Path);
        Assert.Contains("stack frame line 4", ranked[0].Reasons);
    }

    [Fact]
    public async Task GitHubBlobLink_GivesItsExactRange()
    {
        using var repo = new TestRepository();
        repo.WriteFile("web/src/cart.ts", Filler("cart", 80)).WriteFile("web/src/user.ts", "export const user = 1;\n");

        var ranked = await RankAsync(repo, "Wrong here: https://github.com/acme/shop/blob/main/web/src/cart.ts#L12-L18");

        Assert.Equal("web/src/cart.ts", ranked[0].Path);
        Assert.Equal(new LineRange(12, 18), ranked[0].Ranges[0]);
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
    public async Task ACalledName_RanksTheFileDefiningIt_AboveFilesThatOnlyUseTheWord()
    {
        using var repo = new TestRepository();
        repo.WriteFile("core/mod.py", "class Mod(Function):\n    def eval(cls, p, q):\n        return p\n")
            .WriteFile("core/numbers.py", "# integer base zero mod mod mod: integer integer base base zero\nclass Integer:\n    pass\n");

        var ranked = await RankAsync(repo, "Mod(x**2, x) is not always 0 when the base is not an integer; it returns zero");

        Assert.Equal("core/mod.py", ranked[0].Path);
        Assert.Contains("defines Mod", ranked[0].Reasons);
    }

    [Fact]
    public async Task ATestThatMatchesTheRequest_LiftsTheFileItTests()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/invoice.py", "class Builder:\n    def build(self, lines):\n        return sum(lines)\n")
            .WriteFile("shop/notes.py", "# a note about rounding\nNOTE = 1\n" + Filler("padding", 30))
            .WriteFile("shop/tests/test_invoice.py", "def test_rounding_of_vat_on_refunds():\n    assert refund_vat_rounding(vat, refunds) == rounding\n");

        var ranked = await RankAsync(repo, "VAT rounding on refunds is off by one cent");

        var invoice = ranked.Single(r => r.Path == "shop/invoice.py");
        Assert.Contains("its test test_invoice.py matches", invoice.Reasons);
        Assert.True(ranked.ToList().IndexOf(invoice) < ranked.ToList().FindIndex(r => r.Path == "shop/notes.py"));
    }

    [Fact]
    public async Task AFileThatAlwaysChangesWithTheBestCandidate_IsRankedWithIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/pricing.py", "def discount_total(cart):\n    return cart\n")
            .WriteFile("src/pricing_rules.yml", "rules: []\n")
            .WriteFile("src/unrelated.py", "x = 1\n");
        repo.Commit("start");
        ChangeTogether(repo, 3, "pricing", ("src/pricing.py", "def discount_total(cart):\n    return cart\n"), ("src/pricing_rules.yml", "rules: []\n"));

        var ranked = await RankAsync(repo, "discount_total ignores the discount on my cart");

        Assert.Equal("src/pricing.py", ranked[0].Path);
        var rules = ranked.Single(r => r.Path == "src/pricing_rules.yml");
        Assert.Contains("changes together with pricing.py", rules.Reasons);
        Assert.DoesNotContain(ranked, r => r.Path == "src/unrelated.py");
    }

    [Fact]
    public async Task ATestNamedAfterNoFile_LiftsTheCodeItChangedWith()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/discounts.py", "def apply(order, rules):\n    return order\n")
            .WriteFile("shop/banner.py", "# shown at checkout\nTEXT = 'checkout'\n")
            .WriteFile("tests/checkout/tests.py", "def test_coupon_stacking():\n    order = checkout(coupons=[coupon, coupon])\n    assert coupon_stacking_total(order) == 1\n");
        repo.Commit("start");
        ChangeTogether(repo, 3, "Fix", ("shop/discounts.py", "def apply(order, rules):\n    return order\n"), ("tests/checkout/tests.py", "def test_coupon_stacking():\n    order = checkout(coupons=[coupon, coupon])\n    assert coupon_stacking_total(order) == 1\n"));

        var ranked = await RankAsync(repo, "Coupon stacking at checkout\n\nTwo coupons on one order both apply.");

        var discounts = ranked.Single(r => r.Path == "shop/discounts.py");
        Assert.Contains("changes together with the test checkout/tests.py", discounts.Reasons);
        Assert.True(ranked.ToList().IndexOf(discounts) < ranked.ToList().FindIndex(r => r.Path == "shop/banner.py"));
    }

    [Fact]
    public async Task ATestNamedAfterItsFile_LendsByItsNameNotByWhatChangedWithIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/invoice.py", "def build(lines):\n    return lines\n")
            .WriteFile("shop/ledger.py", "def post(entry):\n    return entry\n")
            .WriteFile("shop/tests/test_invoice.py", "def test_refund_rounding():\n    assert refund_rounding(vat) == rounding\n");
        repo.Commit("start");
        ChangeTogether(repo, 3, "Change", ("shop/ledger.py", "def post(entry):\n    return entry\n"), ("shop/tests/test_invoice.py", "def test_refund_rounding():\n    assert refund_rounding(vat) == rounding\n"));

        var ranked = await RankAsync(repo, "Refund rounding is off by a cent");

        Assert.Contains("its test test_invoice.py matches", ranked.Single(r => r.Path == "shop/invoice.py").Reasons);
        Assert.DoesNotContain(ranked, r => r.Reasons.Any(reason => reason.StartsWith("changes together with the test", StringComparison.Ordinal)));
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
    public async Task OnePastCommitThatReadsAsTheRequest_OutweighsSeveralThatShareAWord()
    {
        using var repo = new TestRepository();
        repo.WriteFile("src/export/quoting.py", "def quote(value):\n    # csv export\n    return value\n")
            .WriteFile("src/export/columns.py", "def columns(value):\n    # csv export for excel\n    return value\n")
            .WriteFile("src/unrelated.py", "x = 1\n");
        repo.Commit("start");
        ChangeTogether(repo, 1, "CSV export garbles a row with a delimiter in Excel", ("src/export/quoting.py", "def quote(value):\n    # csv export\n    return value\n"));
        ChangeTogether(repo, 1, "Wider columns in the CSV export", ("src/export/columns.py", "def columns(value):\n    # csv export for excel\n    return value\n"));
        ChangeTogether(repo, 1, "Excel export keeps the order of a row", ("src/export/columns.py", "def columns(value):\n    # csv export for excel\n    return value\n"));
        ChangeTogether(repo, 1, "A delimiter setting for the export", ("src/export/columns.py", "def columns(value):\n    # csv export for excel\n    return value\n"));

        var ranked = await RankAsync(repo, "CSV export garbles a row with a delimiter in Excel");

        Assert.Equal(["src/export/quoting.py", "src/export/columns.py"], ranked.Select(r => r.Path));
        Assert.Contains("changed by a past commit much like it: \"CSV export garbles a row with a delimiter in Excel 0\"", ranked[0].Reasons);
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
    public async Task AFileThatMatchesTheSummary_OutranksOneThatMatchesMoreOfTheLogBelowIt()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/money.py", "def round_refund(amount):\n    # refunds lose cents when rounding\n    return int(amount)\n")
            .WriteFile("shop/checkout.py", "def start(session, basket, customer, payment, order, invoice, shipping, warehouse, courier):\n    return order\n");
        const string Log = "session basket customer payment order invoice shipping warehouse courier started\n";

        var ranked = await RankAsync(repo, "Refund rounding loses cents\n\nThe log of the checkout:\n" + string.Concat(Enumerable.Repeat(Log, 3)));

        Assert.Equal(["shop/money.py", "shop/checkout.py"], ranked.Select(r => r.Path));
    }

    [Fact]
    public async Task AWordOfTheSummaryThatIsAFilesName_LiftsThatFile()
    {
        using var repo = new TestRepository();
        repo.WriteFile("render/writers/latex.py", "def visit_literal(self, node):\n    self.body.append(r'\\code{')\n")
            .WriteFile("render/writers/html.py", "def visit_literal(self, node):\n    self.body.append('<code>')\n")
            .WriteFile("render/builders/pdf.py", "# inline code output: whitespace at start and end of the pdf page\ndef build(inline, code, output, whitespace, start, end, pdf):\n    pass\n");

        var ranked = await RankAsync(repo, "LaTeX: inline code gets a space at start and end\nThe pdf output of our writers shows whitespace around inline code.");

        Assert.Equal("render/writers/latex.py", ranked[0].Path);
        Assert.Contains("latex in the summary names the file", ranked[0].Reasons);
    }

    [Fact]
    public async Task AnInflectedWordOfTheSummary_NamesTheFileOfItsStem()
    {
        using var repo = new TestRepository();
        repo.WriteFile("autodoc/mock.py", "class MockObject:\n    __sphinx_mock__ = True\n")
            .WriteFile("autodoc/inherit.py", "# inherited classes are documented with their bases\ndef inherited_classes(documented, bases):\n    pass\n")
            .WriteFile("autodoc/other.py", "x = 1\n");

        var ranked = await RankAsync(repo, "Inherited classes not correctly documented when mocked\nThe bases show the wrong name.");

        var mock = ranked.Single(r => r.Path == "autodoc/mock.py");
        Assert.Contains("mocked in the summary names the file", mock.Reasons);
        Assert.Equal(["autodoc/inherit.py", "autodoc/mock.py"], ranked.Take(2).Select(r => r.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AModuleNamedInALongList_CountsForLessThanOneNamedAlone()
    {
        using var repo = new TestRepository();
        foreach (var name in (string[])["render", "alpha", "beta", "gamma", "delta", "epsilon"])
        {
            repo.WriteFile($"shop/ext/{name}.py", $"def setup_{name}(app):\n    pass\n");
        }

        repo.WriteFile("shop/ext/__init__.py", string.Empty);
        var alone = await RankAsync(repo, "Pages break with shop.ext.render enabled");
        var listed = await RankAsync(repo, "Pages break with these enabled:\n\n    extensions = ['shop.ext.render', 'shop.ext.alpha', 'shop.ext.beta', 'shop.ext.gamma', 'shop.ext.delta', 'shop.ext.epsilon']\n");

        var renderAlone = alone.Single(r => r.Path == "shop/ext/render.py");
        var renderListed = listed.Single(r => r.Path == "shop/ext/render.py");
        Assert.Contains("module shop.ext.render named in the text", renderListed.Reasons);
        Assert.True(renderListed.Score < renderAlone.Score * 0.75, $"listed {renderListed.Score}, alone {renderAlone.Score}");
    }

    [Fact]
    public async Task AWordOfTheSummaryThatIsAFoldersName_LiftsItsFiles()
    {
        using var repo = new TestRepository();
        repo.WriteFile("shop/timeseries/core.py", "class BaseSeries:\n    def _check(self):\n        raise ValueError('wrong first column')\n")
            .WriteFile("shop/timeseries/sampled.py", "class TimeSeries(BaseSeries):\n    pass\n")
            .WriteFile("shop/table/table.py", "# a table column is required; removing a required column raises an exception when the check fails\ndef remove_column(table, column):\n    pass\n")
            .WriteFile("shop/table/misc.py", "# removing a required column gives an unclear error when the column check fails\nx = 1\n");

        var ranked = await RankAsync(repo, "TimeSeries: misleading exception when required column check fails\nRemoving a required column gives an unclear error.");

        var core = ranked.Single(r => r.Path == "shop/timeseries/core.py");
        Assert.Contains("timeseries in the summary names the folder", core.Reasons);
        Assert.True(ranked.ToList().IndexOf(core) < ranked.ToList().FindIndex(r => r.Path == "shop/table/misc.py"));
    }
}
