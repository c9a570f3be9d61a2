using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class TestSourceMapTests
{
    [Theory]
    [InlineData("sympy/core/tests/test_basic.py", "basic")]
    [InlineData("tests/parser_test.py", "parser")]
    [InlineData("pkg/cart/cart_test.go", "cart")]
    [InlineData("spec/models/order_spec.rb", "order")]
    [InlineData("test/test_invoice.rb", "invoice")]
    [InlineData("src/cart/cart.test.ts", "cart")]
    [InlineData("src/ui/button.spec.jsx", "button")]
    [InlineData("tests/Shop.Tests/CartServiceTests.cs", "CartService")]
    [InlineData("src/test/java/shop/OrderTest.java", "Order")]
    [InlineData("src/test/java/shop/TestOrder.java", "Order")]
    public void SubjectStem_FollowsEachEcosystemsConvention(string path, string stem) =>
        Assert.Equal(stem, TestSourceMap.SubjectStem(path));

    [Theory]
    [InlineData("tests/conftest.py")]
    [InlineData("tests/helpers.py")]
    [InlineData("src/Test.java")]
    public void SubjectStem_IsNullForFilesThatNameNoSubject(string path) =>
        Assert.Null(TestSourceMap.SubjectStem(path));

    [Fact]
    public void Build_MapsEachTestToTheSubjectSharingMostFolders()
    {
        string[] paths =
        [
            "sympy/core/basic.py",
            "sympy/core/tests/test_basic.py",
            "sympy/polys/basic.py",
            "sympy/polys/tests/test_basic.py",
            "src/main/java/shop/Order.java",
            "src/test/java/shop/OrderTest.java",
            "tests/test_missing.py",
        ];

        var map = TestSourceMap.Build(paths);

        Assert.Equal(["sympy/core/basic.py"], map.Subjects(1).Select(i => paths[i]));
        Assert.Equal(["sympy/polys/basic.py"], map.Subjects(3).Select(i => paths[i]));
        Assert.Equal(["src/main/java/shop/Order.java"], map.Subjects(5).Select(i => paths[i]));
        Assert.Empty(map.Subjects(6));
        Assert.Empty(map.Subjects(0));
    }

    [Fact]
    public void Build_LeavesAnAmbiguousTestUnmapped()
    {
        var paths = new List<string> { "tests/test_utils.py" };
        paths.AddRange(Enumerable.Range(1, TestSourceMap.MaxSubjects + 1).Select(i => $"pkg{i}/utils.py"));

        var map = TestSourceMap.Build(paths);

        Assert.Empty(map.Subjects(0));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void Build_ReadsAFlatTestNameAsPackageAndModule()
    {
        string[] paths =
        [
            "sphinx/pycode/ast.py",
            "sphinx/util/typing.py",
            "sphinx/typing.py",
            "tests/test_pycode_ast.py",
            "tests/test_util_typing.py",
            "tests/test_ext_unknown.py",
        ];

        var map = TestSourceMap.Build(paths);

        Assert.Equal(["sphinx/pycode/ast.py"], map.Subjects(3).Select(i => paths[i]));
        Assert.Equal(["sphinx/util/typing.py"], map.Subjects(4).Select(i => paths[i]));
        Assert.Empty(map.Subjects(5));
    }
}
