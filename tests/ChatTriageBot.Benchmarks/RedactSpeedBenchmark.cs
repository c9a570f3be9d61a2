using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatTriageBot.Triage;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// How long redacting one 256 KiB attachment takes (issue 22: under 20 ms), for the redactor against the one it replaced
/// (<see cref="BaselineRedactor"/>), in the same process. Two attachments: a support log (log lines, stack traces, JSON
/// payloads and configuration, with a few hundred personal data and secrets among them) and the bot's own source code
/// (what the code sections sent to the model look like). Each is redacted by a new redactor each time, as a triage does.
/// </summary>
internal static class RedactSpeedBenchmark
{
    public static readonly string[] Options = ["kib", "runs", "profile", "file"];

    public static Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var size = arguments.Int("kib", 256, minimum: 1) * 1024;
        var runs = arguments.Int("runs", 30, minimum: 3);
        var attachments = arguments.String("file") is { } file
            ? new (string Name, string Text)[] { (Path.GetFileName(file), File.ReadAllText(file)) }
            : [("support log", SupportLog(size)), ("source code", SourceCode(size))];
        if (arguments.String("profile") is "on")
        {
            ProfileKinds(attachments);
            Profile(attachments);
            return Task.FromResult(0);
        }

        Console.WriteLine($"### Redaction speed ({size / 1024} KiB attachment, median and slowest of {runs} runs after 5 warm-up runs, 2 cores)");
        Console.WriteLine();
        Console.WriteLine("| attachment | redactor | fastest ms | median ms | p90 ms | slowest ms | CPU ms per run | values redacted |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, text) in attachments)
        {
            var (fastest, median, p90, slowest, cpu, found) = Measure(runs, () => new Redactor().Redact(text).Total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | issue 22 | {fastest:0.0} | {median:0.0} | {p90:0.0} | {slowest:0.0} | {cpu:0.0} | {found} |"));
            var (bFastest, bMedian, bP90, bSlowest, bCpu, bFound) = Measure(runs, () => new BaselineRedactor().Redact(text).Total);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | baseline (main before issue 22) | {bFastest:0.0} | {bMedian:0.0} | {bP90:0.0} | {bSlowest:0.0} | {bCpu:0.0} | {bFound} |"));
        }

        return Task.FromResult(0);
    }

    /// <summary>Where the time goes by kind: the redactor with only that kind enabled (fastest of 9 runs), and with none.</summary>
    private static void ProfileKinds((string Name, string Text)[] attachments)
    {
        Console.WriteLine("| kind alone (CPU ms per run) | " + string.Join(" | ", attachments.Select(a => a.Name + " ms")) + " |");
        Console.WriteLine("|---|" + string.Concat(attachments.Select(_ => "---:|")));
        foreach (var kind in RedactionKinds.All.Prepend("(none)"))
        {
            var disabled = RedactionKinds.All.Where(k => k != kind).ToHashSet(StringComparer.Ordinal);
            var options = new RedactionOptions();
            var times = attachments.Select(a =>
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < 20; i++)
                {
                    _ = RedactionEngine.Find(a.Text, options, [], disabled);
                }

                return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 20;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {string.Join(" | ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
        }
    }

    /// <summary>Where the time goes: each format alone, as the redactor runs it (anchors, windows, views), CPU ms per run of 10.</summary>
    private static void Profile((string Name, string Text)[] attachments)
    {
        var none = new HashSet<string>(StringComparer.Ordinal);
        var options = new RedactionOptions();
        Console.WriteLine("| format alone (CPU ms per run) | " + string.Join(" | ", attachments.Select(a => a.Name + " ms")) + " |");
        Console.WriteLine("|---|" + string.Concat(attachments.Select(_ => "---:|")));
        foreach (var format in RedactionFormats.All)
        {
            var times = attachments.Select(a =>
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < 10; i++)
                {
                    _ = RedactionEngine.Find(a.Text, options, [], none, format.Id);
                }

                return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 10;
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {format.Id} | {string.Join(" | ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
        }
    }

    /// <summary>Wall-clock fastest (the least disturbed by other work on the machine), median, 90th percentile and slowest run, and the process's CPU time per run (which other work on the machine does not inflate).</summary>
    private static (double Fastest, double Median, double P90, double Slowest, double Cpu, int Found) Measure(int runs, Func<int> redact)
    {
        var found = 0;
        for (var i = 0; i < 5; i++)
        {
            found = redact();
        }

        var times = new List<double>(runs);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            found = redact();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        times.Sort();
        return (times[0], times[runs / 2], times[(int)(runs * 0.9)], times[^1], cpu, found);
    }

    /// <summary>A support log of about <paramref name="size"/> characters, the same every run.</summary>
    internal static string SupportLog(int size)
    {
        var random = new Random(22);
        var text = new StringBuilder(size + 4096);
        var inv = CultureInfo.InvariantCulture;
        var time = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        string[] services = ["Checkout.PaymentService", "Orders.Api", "Inventory.Sync", "Auth.TokenService", "Shipping.RateCalculator"];
        while (text.Length < size)
        {
            time = time.AddMilliseconds(random.Next(1, 900));
            var service = services[random.Next(services.Length)];
            switch (random.Next(0, 40))
            {
                case 0:
                    text.Append(inv, $"{time:O} ERROR [{service}] charge failed for jane.doe{random.Next(100)}@example.org card 4111 1111 1111 1111, retrying\n");
                    break;
                case 1:
                    text.Append(inv, $"{time:O} WARN  [{service}] Authorization: Bearer {Token(random, 40)} rejected from {random.Next(11, 200)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}\n");
                    break;
                case 2:
                    text.Append(inv, $"{time:O} ERROR [{service}] System.InvalidOperationException: Sequence contains no elements\n   at Shop.Checkout.CartService.Total(Cart cart) in /src/Shop/Checkout/CartService.cs:line {random.Next(10, 400)}\n   at Shop.Api.CheckoutController.Post(OrderRequest request) in /src/Shop/Api/CheckoutController.cs:line {random.Next(10, 200)}\n");
                    break;
                case 3:
                    text.Append(inv, $"{time:O} DEBUG [{service}] payload {{\"order_id\":\"ORD-{random.Next(100000, 999999)}\",\"customer\":{{\"email\":\"m.{random.Next(1000)}@shop.io\",\"phone\":\"+49 30 {random.Next(1000, 9999)} {random.Next(1000, 9999)}\"}},\"items\":[{{\"sku\":\"SKU-{random.Next(1000)}\",\"qty\":{random.Next(1, 5)}}}],\"total\":{random.Next(1, 900)}.{random.Next(10, 99)}}}\n");
                    break;
                case 4:
                    text.Append(inv, $"{time:O} INFO  [{service}] config reloaded: DATABASE_URL=postgres://app:{Token(random, 16)}@db.internal:5432/shop, AWS_ACCESS_KEY_ID=AKIA{Token(random, 16).ToUpperInvariant()}\n");
                    break;
                case 5:
                    text.Append(inv, $"Traceback (most recent call last):\n  File \"/app/shop/orders/views.py\", line {random.Next(10, 900)}, in create\n    total = cart.total()\nKeyError: 'customer_id'\n");
                    break;
                default:
                    text.Append(inv, $"{time:O} INFO  [{service}] handled request {new Guid(Bytes(random, 16))} for order {random.Next(100000, 999999)} in {random.Next(1, 900)} ms (status={(random.Next(10) == 0 ? 500 : 200)}, version 1.0.{random.Next(10)}.{random.Next(10)}, commit {Token(random, 40).ToLowerInvariant()})\n");
                    break;
            }
        }

        return text.ToString(0, size);
    }

    /// <summary>About <paramref name="size"/> characters of the bot's own C# source.</summary>
    private static string SourceCode(int size)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatTriageBot.sln")))
        {
            directory = directory.Parent;
        }

        var text = new StringBuilder(size + 65536);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory!.FullName, "src"), "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (text.Length >= size)
            {
                break;
            }

            if (!file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                text.Append(File.ReadAllText(file)).Append('\n');
            }
        }

        return text.Length > size ? text.ToString(0, size) : text.ToString();
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Token(Random random, int length)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }
}
