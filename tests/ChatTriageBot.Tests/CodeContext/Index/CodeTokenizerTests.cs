using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class CodeTokenizerTests
{
    [Fact]
    public void Tokenize_SplitsCaseUnderscoresDotsAndPaths()
    {
        var tokens = CodeTokenizer.Tokenize("CartService.GetTotal user_id XMLParser src/Cart/OrderItem.cs");

        Assert.Equal(
            ["cart", "service", "cartservice", "total", "gettotal", "user", "id", "user_id", "xml", "parser", "xmlparser", "src", "cart", "order", "item", "orderitem"],
            tokens);
    }

    [Fact]
    public void Tokenize_DropsNumbersStopWordsAndSingleLetters()
    {
        var tokens = CodeTokenizer.Tokenize("The x is 42 and the cart is empty in v2");

        Assert.Equal(["cart", "empty", "v2"], tokens);
    }

    [Fact]
    public void Tokenize_LowerCasesNonAsciiLetters()
    {
        Assert.Equal(["übergröße", "straße"], CodeTokenizer.Tokenize("Übergröße Straße"));
    }
}
