using System.Text.Json;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>The places a value stands in real support text: each takes the value as a person would paste it and writes it there.</summary>
public static class RedactionContexts
{
    public static readonly IReadOnlyList<(string Name, Func<string, string> Write)> All =
    [
        ("alone", v => v),
        ("start of the text", v => v + " is what the log shows"),
        ("end of the text", v => "the value in the log is " + v),
        ("before .", v => $"It failed with {v}. Then it stopped"),
        ("before ,", v => $"It failed with {v}, then it stopped"),
        ("before ;", v => $"It failed with {v}; then it stopped"),
        ("before :", v => $"It failed with {v}: then it stopped"),
        ("before )", v => $"It failed (with {v}) twice"),
        ("before ]", v => $"It failed [with {v}] twice"),
        ("before }", v => $"It failed {{with {v}}} twice"),
        ("before \"", v => $"It failed with \"{v}\" twice"),
        ("before '", v => $"It failed with '{v}' twice"),
        ("before a line break", v => $"It failed with {v}\nand then it stopped"),
        ("inside typographic quotes", v => $"He wrote “{v}” in the ticket"),
        ("a JSON value", v => $"{{\"note\": \"{MinimalJsonEscape(v)}\", \"attempt\": 2}}"),
        ("a JSON value, escaped by System.Text.Json", v => $"{{\"note\":{JsonSerializer.Serialize(v)},\"attempt\":2}}"),
        ("a YAML value", v => "checkout:\n  retries: 3\n" + Yaml("note", v) + "  timeout: 30\n"),
        ("a .env line", v => "APP_ENV=production\n" + DotEnv("SUPPORT_NOTE", v) + "\nLOG_LEVEL=debug"),
        ("a log line", v => $"2024-05-01T10:22:33.123Z ERROR [worker-3] Checkout.PaymentService - request failed: {v} (status=500, attempt=2)"),
        ("a URL's query", v => $"see https://api.example.com/v1/orders?ref={Uri.EscapeDataString(v)}&lang=en for details"),
        ("a URL's user-info", v => $"upload to https://support:{Uri.EscapeDataString(v)}@files.example.com/upload now"),
        ("a Markdown code block", v => $"Here is the config:\n```text\n{v}\n```\nthanks"),
        ("Markdown inline code", v => $"set `{v}` and retry"),
        ("a stack trace", v => $"System.InvalidOperationException: Payment failed for {v}\n   at Shop.Checkout.CartService.Total(Cart cart) in /src/Shop/CartService.cs:line 14\n   at Shop.Api.CheckoutController.Post()"),
        ("split by non-breaking and thin spaces", v => "value\u00A0" + WideSpaces(v) + "\u2009ok"),
    ];

    /// <summary>JSON string escaping as most tools write it (quotes, backslashes, control characters).</summary>
    public static string MinimalJsonEscape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static string Yaml(string key, string value) =>
        value.Contains('\n', StringComparison.Ordinal)
            ? $"  {key}: |\n" + string.Concat(value.Split('\n').Select(l => $"    {l}\n"))
            : value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal) || value.IndexOfAny(['"', '\'', '{', '[', '&', '*', '!', '|', '>', '%', '@', '`']) == 0
                ? $"  {key}: \"{MinimalJsonEscape(value)}\"\n"
                : $"  {key}: {value}\n";

    private static string DotEnv(string key, string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '#' or '$')
            ? $"{key}=\"{MinimalJsonEscape(value)}\""
            : $"{key}={value}";

    private static string WideSpaces(string value)
    {
        var spaces = new[] { '\u00A0', '\u2009', '\u202F' };
        var n = 0;
        return string.Concat(value.Select(c => c == ' ' ? spaces[n++ % spaces.Length] : c));
    }
}
