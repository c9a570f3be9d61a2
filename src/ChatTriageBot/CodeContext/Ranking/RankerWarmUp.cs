namespace ChatTriageBot.CodeContext;

/// <summary>
/// Ranks a sample request enough times, once per process, that .NET has compiled the extractor and the ranker
/// optimized before a person waits for a triage. .NET first compiles a method quickly and unoptimized (tier 0), and
/// compiles it again optimized in the background once it has been called 30 times, counting calls only after 100 ms
/// without new tier-0 compiles (the runtime's defaults). So the warm-up ranks once, waits past that delay, ranks until
/// the hot methods have been called enough, and waits for the background compiles: about two seconds, in the
/// background job that prepares a commit.
/// </summary>
internal static class RankerWarmUp
{
    // Past the 30 calls after which the runtime recompiles a method optimized.
    private const int Rounds = 50;

    // Longer than the runtime's 100 ms without new tier-0 compiles before calls are counted.
    private static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(300);

    // A request with every kind of evidence (summary, module, symbols, a Python and a .NET stack frame, an error
    // message, a path with its line), so that every signal's code runs.
    private const string Request = """
        TypeError in Cart.total when the cart is empty (`checkout.pricing` module)
        ```
        Traceback (most recent call last):
          File "shop/checkout/pricing.py", line 12, in total
            return sum(line.price for line in cart.lines)
        TypeError: 'NoneType' object is not iterable
        ```
        at Shop.Checkout.CartService.Total() in src/Checkout/CartService.cs:line 42
        The log says "cart total failed for order" (see src/Checkout/CartService.cs:40).
        """;

    private static int s_done;

    /// <summary>Warms up against the commit of <paramref name="index"/>, the first time in the process; later calls return at once.</summary>
    public static async Task RunOnceAsync(CodeIndex index, Func<string, string?> readText, ChangeHistory? history, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref s_done, 1) != 0)
        {
            return;
        }

        // The extractor is part of every triage too: it runs each round.
        for (var round = 0; round < Rounds; round++)
        {
            _ = CodeRanker.RankIndex(index, readText, Request, CodeReferenceExtractor.Extract(Request), 10, history, cancellationToken);
            if (round == 0)
            {
                await Task.Delay(TieringPause, cancellationToken);
            }
        }

        await Task.Delay(TieringPause, cancellationToken);
    }
}
