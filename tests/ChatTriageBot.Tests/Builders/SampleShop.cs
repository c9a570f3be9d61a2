using ChatTriageBot.Tests.Infrastructure;

namespace ChatTriageBot.Tests.Builders;

/// <summary>
/// A small, realistic repository (a web shop in C#) with a real bug: <c>CartService.Total</c> dereferences the
/// discount of an empty cart. Tests triage support messages against it.
/// </summary>
public static class SampleShop
{
    public const string CartServicePath = "src/Shop/Checkout/CartService.cs";
    public const string CartPath = "src/Shop/Checkout/Cart.cs";

    public const string CustomerReport = """
        Hi, since this morning checkout fails for customers with an empty cart. They see a 500 page.
        Our logs show:

        System.NullReferenceException: Object reference not set to an instance of an object.
           at Shop.Checkout.CartService.Total(Cart cart) in /home/runner/work/shop/src/Shop/Checkout/CartService.cs:line 14
           at Shop.Web.CheckoutController.Summary() in /home/runner/work/shop/src/Shop/Web/CheckoutController.cs:line 21

        Please help, jane.doe@example.com
        """;

    public static TestRepository Create()
    {
        var repo = new TestRepository();
        repo.WriteFile(CartPath, """
            namespace Shop.Checkout;

            public sealed class Cart
            {
                public List<CartLine> Lines { get; } = [];

                public Discount? Discount { get; set; }
            }

            public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);

            public sealed record Discount(string Code, decimal Percent);
            """);
        repo.WriteFile(CartServicePath, """
            namespace Shop.Checkout;

            public sealed class CartService
            {
                public decimal Subtotal(Cart cart) => cart.Lines.Sum(l => l.Quantity * l.UnitPrice);

                public decimal Total(Cart cart)
                {
                    var subtotal = Subtotal(cart);
                    if (cart.Lines.Count == 0)
                    {
                        // An empty cart still applies the discount so the summary can show it.
                    }
                    var percent = cart.Discount!.Percent;
                    return subtotal - subtotal * percent / 100m;
                }
            }
            """);
        repo.WriteFile("src/Shop/Web/CheckoutController.cs", """
            using Shop.Checkout;

            namespace Shop.Web;

            public sealed class CheckoutController(CartService carts, ICartStore store)
            {
                public object Summary(string cartId)
                {
                    var cart = store.Load(cartId);
                    var total = carts.Total(cart);
                    return new { cart.Lines.Count, total };
                }
            }

            public interface ICartStore
            {
                Cart Load(string cartId);
            }
            """);
        repo.WriteFile("src/Shop/Catalog/ProductService.cs", """
            namespace Shop.Catalog;

            public sealed class ProductService
            {
                public string Describe(string sku) => $"Product {sku}";
            }
            """);
        repo.WriteFile("src/Shop/Shipping/ShippingCalculator.cs", """
            namespace Shop.Shipping;

            public sealed class ShippingCalculator
            {
                public decimal Cost(int items) => items == 0 ? 0 : 4.95m + items * 0.5m;
            }
            """);
        repo.WriteFile("README.md", "# Shop\n\nA small web shop.\n");
        repo.Commit("Shop with checkout");
        return repo;
    }

    /// <summary>A diagnosis as a model would answer it: one real citation and one invented one.</summary>
    public static string DiagnosisJson(string realPath = CartServicePath, int start = 14, int end = 15) => $$"""
        {
          "summary": "CartService.Total dereferences Cart.Discount, which is null for carts without a discount code.",
          "kind": "bug",
          "severity": "high",
          "component": "checkout",
          "root_cause": "Total reads cart.Discount!.Percent without checking for null; empty carts have no discount.",
          "evidence": [
            { "path": "{{realPath}}", "start_line": {{start}}, "end_line": {{end}}, "why": "null-forgiving dereference of Discount" },
            { "path": "src/Shop/Checkout/DiscountEngine.cs", "start_line": 3, "end_line": 9, "why": "invented by the model" }
          ],
          "confidence": 0.86,
          "fixability": 0.9,
          "next_steps": ["Treat a missing discount as 0 percent in CartService.Total."],
          "questions_for_reporter": ["Does it also happen for carts with items but no discount code?"],
          "customer_reply": "Thanks for the report! We found the cause and are preparing a fix."
        }
        """;
}
