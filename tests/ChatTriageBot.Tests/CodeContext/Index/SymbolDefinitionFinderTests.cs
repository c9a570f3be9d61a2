using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

public sealed class SymbolDefinitionFinderTests
{
    private static List<(string Name, int Line)> Find(string text)
    {
        var found = new List<(string, int)>();
        SymbolDefinitionFinder.Find(text, found);
        return found;
    }

    [Fact]
    public void CSharp_ClassesMethodsAndProperties_AreFound()
    {
        const string Code = """
            namespace Shop.Cart;

            public sealed class CartService(ILogger logger)
            {
                public decimal Total { get; private set; }

                public async Task<decimal> ComputeTotalAsync(Guid id, CancellationToken ct)
                {
                    if (id == Guid.Empty) { return 0; }
                    return await Load(id);
                }
            }
            """;

        Assert.Equal([("CartService", 3), ("Total", 5), ("ComputeTotalAsync", 7)], Find(Code));
    }

    [Fact]
    public void PythonGoRubyJavaScriptAndPhp_DefinitionsAreFound()
    {
        const string Code = """
            class PriceTable:
                def lookup(self, sku):
                    return compute_total(sku)
            async def fetch_prices():
            func (s *Service) Total(items []Item) int {
            func main() {
              def self.build_cart
            export function renderCart(cart) {
            const lineTotal = (line) => line.qty * line.price;
                public function total(): float
            """;

        var names = Find(Code).Select(d => d.Name).ToList();

        Assert.Equal(["PriceTable", "lookup", "fetch_prices", "Total", "main", "build_cart", "renderCart", "lineTotal", "total"], names);
    }
}
