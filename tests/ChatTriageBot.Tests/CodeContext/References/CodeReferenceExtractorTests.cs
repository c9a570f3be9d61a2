using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class CodeReferenceExtractorTests
{
    [Fact]
    public void GitHubBlobLink_WithLineRange_GivesOwnerRepoRefPathAndLines()
    {
        var refs = CodeReferenceExtractor.Extract("Broken since this change: https://github.com/acme/shop/blob/main/src/Cart/CartService.cs#L10-L20 please look");

        var link = Assert.Single(refs.GitHubLinks);
        Assert.Equal(GitHubLinkKind.Blob, link.Kind);
        Assert.Equal("acme", link.Owner);
        Assert.Equal("shop", link.Repo);
        Assert.Equal("main", link.Ref);
        Assert.Equal("src/Cart/CartService.cs", link.Path);
        Assert.Equal(new LineRange(10, 20), link.Lines);
        Assert.Equal("acme/shop", link.Repository);
    }

    [Fact]
    public void GitHubBlobLink_WithSingleLineAndTrailingPeriod_GivesOneLine()
    {
        var refs = CodeReferenceExtractor.Extract("See https://github.com/acme/shop/blob/4f2a9c1/lib/cart.rb#L42.");

        var link = Assert.Single(refs.GitHubLinks);
        Assert.Equal("4f2a9c1", link.Ref);
        Assert.Equal("lib/cart.rb", link.Path);
        Assert.Equal(LineRange.At(42), link.Lines);
    }

    [Fact]
    public void GitHubLinks_OfEveryKind_AreClassified()
    {
        const string Text = """
            tree: https://github.com/acme/shop/tree/release/2.x
            commit: https://github.com/acme/shop/commit/9fceb02d0ae598e95dc970b74767f19372d61af8
            issue: https://github.com/acme/shop/issues/123
            pr: https://github.com/acme/shop/pull/456/files
            compare: https://github.com/acme/shop/compare/v1.2.0...v1.3.0
            repo: https://github.com/acme/shop.git
            """;

        var links = CodeReferenceExtractor.Extract(Text).GitHubLinks;

        Assert.Equal(
            [GitHubLinkKind.Tree, GitHubLinkKind.Commit, GitHubLinkKind.Issue, GitHubLinkKind.PullRequest, GitHubLinkKind.Compare, GitHubLinkKind.Repository],
            links.Select(l => l.Kind));
        Assert.Equal("release", links[0].Ref);
        Assert.Equal("9fceb02d0ae598e95dc970b74767f19372d61af8", links[1].Ref);
        Assert.Equal(123, links[2].Number);
        Assert.Equal(456, links[3].Number);
        Assert.Equal(("v1.2.0", "v1.3.0"), (links[4].BaseRef, links[4].HeadRef));
        Assert.Equal("shop", links[5].Repo);
    }

    [Fact]
    public void NonGitHubUrls_GiveNoLinksPathsOrIdentifiers()
    {
        var refs = CodeReferenceExtractor.Extract("The docs at https://example.com/static/app.js and https://gitlab.com/acme/shop/-/blob/main/src/cart.py say nothing useful");

        Assert.Empty(refs.GitHubLinks);
        Assert.Empty(refs.FilePaths);
        Assert.Empty(refs.Identifiers);
    }

    [Fact]
    public void EmailAddress_IsNotAPathOrIdentifier()
    {
        var refs = CodeReferenceExtractor.Extract("Customer jane.doe@example.com (account mary_smith@shop.co.uk) cannot pay.");

        Assert.Empty(refs.FilePaths);
        Assert.Empty(refs.Identifiers);
        Assert.Empty(refs.StackFrames);
    }

    [Fact]
    public void Prose_GivesNothing()
    {
        var refs = CodeReferenceExtractor.Extract("Hi team, e.g. yesterday the checkout page was slow, i.e. it took ages. We use Node.js, etc. Thanks!");

        Assert.Empty(refs.FilePaths);
        Assert.Empty(refs.StackFrames);
        Assert.Empty(refs.ErrorTypes);
        Assert.Empty(refs.Identifiers);
        Assert.Empty(refs.Versions);
        Assert.Empty(refs.GitHubLinks);
        Assert.Empty(refs.RefusedCalls);
    }

    [Fact]
    public void FilePaths_WithLineAndColumn_AreFound()
    {
        var refs = CodeReferenceExtractor.Extract("It fails at src/Cart/CartService.cs:42 and also web/app.ts:10:5, see ./lib/x.js too.");

        Assert.Equal(
            [new FilePathReference("src/Cart/CartService.cs", 42), new FilePathReference("web/app.ts", 10, 5), new FilePathReference("lib/x.js")],
            refs.FilePaths);
    }

    [Fact]
    public void WindowsPath_IsNormalisedToForwardSlashes()
    {
        var refs = CodeReferenceExtractor.Extract(@"Log says C:\build\agent\src\Shop.Api\Controllers\CartController.cs:line 88");

        var path = Assert.Single(refs.FilePaths);
        Assert.Equal("C:/build/agent/src/Shop.Api/Controllers/CartController.cs", path.Path);
        Assert.Equal(88, path.Line);
    }

    [Fact]
    public void RubyStylePath_WithInSuffix_KeepsTheLine()
    {
        var refs = CodeReferenceExtractor.Extract("app/models/user.rb:17:in 'full_name'");

        Assert.Contains(new FilePathReference("app/models/user.rb", 17), refs.FilePaths);
    }

    [Fact]
    public void UnknownExtensions_AreNotPaths()
    {
        var refs = CodeReferenceExtractor.Extract("Attached report.pdf and screenshot.png and the archive logs.tar.gz");

        Assert.Empty(refs.FilePaths);
    }

    [Fact]
    public void DotNetTrace_GivesFramesWithAndWithoutFiles()
    {
        const string Trace = """
            System.InvalidOperationException: Cart 8812 has no items
               at Shop.Cart.CartService.Total(Guid cartId) in /src/Shop/Cart/CartService.cs:line 42
               at Shop.Api.Controllers.CartController.GetTotalAsync(Guid id, CancellationToken ct) in /src/Shop.Api/Controllers/CartController.cs:line 31
               at Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.TaskOfIActionResultExecutor.Execute(ActionContext context)
            --- End of stack trace from previous location ---
               at System.Runtime.CompilerServices.TaskAwaiter.ThrowForNonSuccess(Task task)
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(4, refs.StackFrames.Count);
        Assert.All(refs.StackFrames, f => Assert.Equal(StackFrameLanguage.DotNet, f.Language));
        Assert.Equal(new StackFrameReference(StackFrameLanguage.DotNet, "/src/Shop/Cart/CartService.cs", 42, "Shop.Cart.CartService.Total"), refs.StackFrames[0]);
        Assert.Equal(31, refs.StackFrames[1].Line);
        Assert.Null(refs.StackFrames[2].Path);
        Assert.Equal("Microsoft.AspNetCore.Mvc.Infrastructure.ActionMethodExecutor.TaskOfIActionResultExecutor.Execute", refs.StackFrames[2].Symbol);
        Assert.Contains(new ErrorTypeReference("System.InvalidOperationException"), refs.ErrorTypes);
        Assert.Contains(new QuotedMessageReference("Cart 8812 has no items"), refs.Messages);
    }

    [Fact]
    public void PythonSignatureErrors_NameTheCallableThatRefusedTheCall()
    {
        const string Trace = """
            >>> tbl.write(sys.stdout, format="ascii.rst", header_rows=["name", "unit"])
            Traceback (most recent call last):
              File "/usr/lib/python3/dist-packages/shop/io/core.py", line 1719, in _get_writer
                writer = Writer(**writer_kwargs)
            TypeError: RST.__init__() got an unexpected keyword argument 'header_rows'

            and with the older writer:
            TypeError: write_rows() missing 1 required positional argument: 'rows'
            TypeError: Cart.total() takes 1 positional argument but 2 were given
            TypeError: unsupported operand type(s) for +: 'int' and 'str'
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(
            [
                new RefusedCallReference("RST.__init__", "got an unexpected keyword argument"),
                new RefusedCallReference("write_rows", "missing 1 required positional argument"),
                new RefusedCallReference("Cart.total", "takes 1 positional argument but 2 were given"),
            ],
            refs.RefusedCalls);
    }

    [Fact]
    public void JavaTrace_GivesFramesAndPackagePathHints()
    {
        const string Trace = """
            Exception in thread "main" java.lang.IllegalStateException: order already shipped
                at com.acme.shop.orders.OrderService.cancel(OrderService.java:118)
                at com.acme.shop.orders.OrderController.cancel(OrderController.java:54)
                at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
                at java.base/java.lang.Thread.run(Thread.java:833)
            Caused by: java.sql.SQLException: lock timeout
                ... 4 more
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(4, refs.StackFrames.Count);
        Assert.All(refs.StackFrames, f => Assert.Equal(StackFrameLanguage.Java, f.Language));
        Assert.Equal(new StackFrameReference(StackFrameLanguage.Java, "OrderService.java", 118, "com.acme.shop.orders.OrderService.cancel"), refs.StackFrames[0]);
        Assert.Null(refs.StackFrames[2].Path);
        Assert.Contains(new ErrorTypeReference("java.lang.IllegalStateException"), refs.ErrorTypes);
        Assert.Contains(new ErrorTypeReference("java.sql.SQLException"), refs.ErrorTypes);
        Assert.Contains(refs.PathHints(), h => h.Path == "com/acme/shop/orders/OrderService.java" && h.Lines == LineRange.At(118));
    }

    [Fact]
    public void PythonTrace_GivesFramesErrorTypeAndMessage()
    {
        const string Trace = """
            Traceback (most recent call last):
              File "/srv/app/venv/lib/python3.11/site-packages/flask/app.py", line 1484, in full_dispatch_request
                rv = self.dispatch_request()
              File "/srv/app/shop/cart/views.py", line 57, in checkout
                total = compute_total(cart.items)
              File "/srv/app/shop/cart/pricing.py", line 23, in compute_total
                return sum(prices[i.sku] for i in items)
            KeyError: 'SKU-1209'
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(3, refs.StackFrames.Count);
        Assert.Equal(new StackFrameReference(StackFrameLanguage.Python, "/srv/app/shop/cart/pricing.py", 23, "compute_total"), refs.StackFrames[2]);
        Assert.Contains(new ErrorTypeReference("KeyError"), refs.ErrorTypes);
        Assert.Contains(refs.Identifiers, i => i.Name == "compute_total" && i.Style == IdentifierStyle.SnakeCase);
    }

    [Fact]
    public void NodeTrace_GivesFramesWithAndWithoutFunctionNames()
    {
        const string Trace = """
            TypeError: Cannot read properties of undefined (reading 'price')
                at lineTotal (/app/src/cart/total.ts:14:23)
                at Array.map (<anonymous>)
                at async CartController.show (file:///app/dist/controllers/cart.js:40:7)
                at /app/src/server.js:88:5
                at node:internal/process/task_queues:95:5
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Contains(new StackFrameReference(StackFrameLanguage.JavaScript, "/app/src/cart/total.ts", 14, "lineTotal"), refs.StackFrames);
        Assert.Contains(new StackFrameReference(StackFrameLanguage.JavaScript, "/app/dist/controllers/cart.js", 40, "CartController.show"), refs.StackFrames);
        Assert.Contains(new StackFrameReference(StackFrameLanguage.JavaScript, "/app/src/server.js", 88, null), refs.StackFrames);
        Assert.DoesNotContain(refs.StackFrames, f => f.Path is not null && f.Path.StartsWith("node:", StringComparison.Ordinal));
        Assert.Contains(new ErrorTypeReference("TypeError"), refs.ErrorTypes);
        Assert.Contains(new QuotedMessageReference("Cannot read properties of undefined (reading 'price')"), refs.Messages);
    }

    [Fact]
    public void GoPanic_TakesTheFunctionFromTheLineAbove()
    {
        const string Trace = """
            panic: runtime error: invalid memory address or nil pointer dereference
            [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x49a2b3]

            goroutine 1 [running]:
            github.com/acme/shop/cart.(*Service).Total(0x0, {0xc00001a0c0, 0x3})
            	/home/dev/shop/cart/service.go:42 +0x1d
            main.main()
            	/home/dev/shop/main.go:17 +0x65
            exit status 2
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(
            [
                new StackFrameReference(StackFrameLanguage.Go, "/home/dev/shop/cart/service.go", 42, "github.com/acme/shop/cart.(*Service).Total"),
                new StackFrameReference(StackFrameLanguage.Go, "/home/dev/shop/main.go", 17, "main.main"),
            ],
            refs.StackFrames);
        Assert.Contains(new QuotedMessageReference("runtime error: invalid memory address or nil pointer dereference"), refs.Messages);
    }

    [Fact]
    public void RubyTrace_GivesFramesWithMethods()
    {
        const string Trace = """
            app/models/cart.rb:17:in `total': undefined method `price' for nil:NilClass (NoMethodError)
            	from app/controllers/carts_controller.rb:9:in `show'
            	from /usr/local/bundle/gems/actionpack-7.1.3/lib/action_controller/metal/basic_implicit_render.rb:6:in 'send_action'
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Equal(3, refs.StackFrames.Count);
        Assert.Equal(new StackFrameReference(StackFrameLanguage.Ruby, "app/models/cart.rb", 17, "total"), refs.StackFrames[0]);
        Assert.Equal(new StackFrameReference(StackFrameLanguage.Ruby, "app/controllers/carts_controller.rb", 9, "show"), refs.StackFrames[1]);
        Assert.Equal("send_action", refs.StackFrames[2].Symbol);
        Assert.Contains(new ErrorTypeReference("NoMethodError"), refs.ErrorTypes);
        Assert.Contains(new VersionReference("7.1.3"), refs.Versions);
    }

    [Fact]
    public void PhpTrace_GivesHashFramesAndOnLineForm()
    {
        const string Trace = """
            PHP Fatal error:  Uncaught RuntimeException: Cart is empty in /var/www/shop/src/Cart/Cart.php:88
            Stack trace:
            #0 /var/www/shop/src/Http/CartController.php(42): Shop\Cart\Cart->total()
            #1 /var/www/shop/public/index.php(12): Shop\Http\CartController->show()
            #2 {main}
              thrown in /var/www/shop/src/Cart/Cart.php on line 88
            """;

        var refs = CodeReferenceExtractor.Extract(Trace);

        Assert.Contains(new StackFrameReference(StackFrameLanguage.Php, "/var/www/shop/src/Http/CartController.php", 42, @"Shop\Cart\Cart->total"), refs.StackFrames);
        Assert.Contains(new StackFrameReference(StackFrameLanguage.Php, "/var/www/shop/public/index.php", 12, @"Shop\Http\CartController->show"), refs.StackFrames);
        Assert.Contains(new StackFrameReference(StackFrameLanguage.Php, "/var/www/shop/src/Cart/Cart.php", 88, null), refs.StackFrames);
        Assert.Contains(new ErrorTypeReference("RuntimeException"), refs.ErrorTypes);
        Assert.Contains(new FilePathReference("/var/www/shop/src/Http/CartController.php", 42), refs.FilePaths);
    }

    [Fact]
    public void ErrorTypes_AreFoundInProse()
    {
        var refs = CodeReferenceExtractor.Extract("We get a NullReferenceException, sometimes a KeyError or TypeError, and once StopIteration. Error in general.");

        Assert.Equal(["NullReferenceException", "KeyError", "TypeError", "StopIteration"], refs.ErrorTypes.Select(e => e.Name));
    }

    [Fact]
    public void QuotedMessages_AreKeptButShortOrCodeQuotesAreNot()
    {
        const string Text = """
            The page says "Your cart could not be updated" and the log shows `payment provider returned 502`.
            The key is "sku" and the code is `var x = cart.Total();`; I don't know why it's 'broken here' now.
            """;

        var messages = CodeReferenceExtractor.Extract(Text).Messages.Select(m => m.Text).ToList();

        Assert.Contains("Your cart could not be updated", messages);
        Assert.Contains("payment provider returned 502", messages);
        Assert.Contains("broken here", messages);
        Assert.DoesNotContain("sku", messages);
        Assert.DoesNotContain(messages, m => m.Contains("cart.Total", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.StartsWith("t know", StringComparison.Ordinal));
    }

    [Fact]
    public void DiagnosticLines_GiveTheirMessages()
    {
        const string Text = """
            Building the docs prints
            /docs/index.rst:12: WARNING: duplicate label intro, other instance in usage
            [ERROR] Worker 3 lost its lease on the queue
            and the checks say
            shop.Order: (models.E015) 'ordering' refers to the nonexistent field 'placed_at'.
            The terror: nothing else.
            """;

        var messages = CodeReferenceExtractor.Extract(Text).Messages.Select(m => m.Text).ToList();

        Assert.Contains("duplicate label intro, other instance in usage", messages);
        Assert.Contains("Worker 3 lost its lease on the queue", messages);
        Assert.Contains("'ordering' refers to the nonexistent field 'placed_at'", messages);
        Assert.DoesNotContain("nothing else", messages);
    }

    [Fact]
    public void Identifiers_OfEachStyle_AreClassified()
    {
        var refs = CodeReferenceExtractor.Extract("Calling CartService.Total after applyDiscount on OrderLine with user_id set, like os.path.join does.");

        Assert.Equal(
            [
                new IdentifierReference("CartService.Total", IdentifierStyle.Dotted),
                new IdentifierReference("applyDiscount", IdentifierStyle.CamelCase),
                new IdentifierReference("OrderLine", IdentifierStyle.PascalCase),
                new IdentifierReference("user_id", IdentifierStyle.SnakeCase),
                new IdentifierReference("os.path.join", IdentifierStyle.Dotted),
            ],
            refs.Identifiers);
    }

    [Fact]
    public void Identifiers_SkipPlainWordsFileNamesAndDomains()
    {
        var refs = CodeReferenceExtractor.Extract("Please check the settings in appsettings.json on shop.example.org, The Cart page.");

        Assert.Empty(refs.Identifiers);
        Assert.Contains(new FilePathReference("appsettings.json"), refs.FilePaths);
    }

    [Fact]
    public void Versions_WithPrefixOrThreeParts_AreFound()
    {
        var refs = CodeReferenceExtractor.Extract("Upgraded from v1.2 to 2.0.1 (also tried v3.0.0-beta.2) on Python 3.11, took 2.5 seconds.");

        Assert.Equal(["v1.2", "2.0.1", "v3.0.0-beta.2"], refs.Versions.Select(v => v.Value));
    }

    [Fact]
    public void PathHints_CombineLinksPathsAndFramesWithoutDuplicates()
    {
        const string Text = """
            https://github.com/acme/shop/blob/main/src/cart.py#L5-L9
            See src/cart.py:7 and src/cart.py:7 again.
              File "/srv/app/src/cart.py", line 7, in total
            """;

        var hints = CodeReferenceExtractor.Extract(Text).PathHints();

        Assert.Equal(
            [
                new PathHint("src/cart.py", new LineRange(5, 9), PathHintSource.GitHubLink),
                new PathHint("src/cart.py", LineRange.At(7), PathHintSource.FilePath),
                new PathHint("/srv/app/src/cart.py", LineRange.At(7), PathHintSource.FilePath),
            ],
            hints);
    }

    [Fact]
    public void PythonPathInFrame_IsAlsoAFilePath()
    {
        var refs = CodeReferenceExtractor.Extract("  File \"shop/cart.py\", line 12, in total");

        Assert.Contains(new FilePathReference("shop/cart.py", 12), refs.FilePaths);
    }

    [Fact]
    public void EmptyText_GivesEmptyReferences()
    {
        var refs = CodeReferenceExtractor.Extract(string.Empty);

        Assert.True(refs.IsEmpty);
        Assert.Empty(refs.PathHints());
    }

    [Fact]
    public void VeryLongText_IsHandledQuickly()
    {
        var text = string.Concat(Enumerable.Repeat("at Shop.Cart.CartService.Total(Guid id) in /src/Cart/CartService.cs:line 42 ", 5000));

        var refs = CodeReferenceExtractor.Extract(text);

        Assert.Contains(refs.FilePaths, p => p.Path == "/src/Cart/CartService.cs");
    }

    [Fact]
    public void SlackFormattedLinks_AreParsed()
    {
        var refs = CodeReferenceExtractor.Extract("<https://github.com/acme/shop/blob/main/web/src/cart.ts#L3|cart.ts> broke");

        var link = Assert.Single(refs.GitHubLinks);
        Assert.Equal("web/src/cart.ts", link.Path);
        Assert.Equal(LineRange.At(3), link.Lines);
    }

    [Fact]
    public void PlainWordsWrittenAsCode_AreIdentifiers_ButBuiltinsAndProseAreNot()
    {
        var refs = CodeReferenceExtractor.Extract("""
            >>> simplify(e)
            >>> print(Mod(x**2, x))
            The `Add` case is wrong, and so are the method(s) around it (sometimes).
            """);

        var words = refs.Identifiers.Where(i => i.Style == IdentifierStyle.CodeWord).Select(i => i.Name).ToList();
        Assert.Equal(["simplify", "Mod", "Add"], words);
    }
}
