using System.Globalization;

namespace ChatTriageBot.Benchmarks;

/// <summary><c>--name value</c> pairs with defaults.</summary>
internal sealed class BenchmarkArguments(Dictionary<string, string> values)
{
    public static BenchmarkArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new BenchmarkArguments(values);
    }

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    public string? String(string name) => values.TryGetValue(name, out var value) ? value : null;
}
