using System.Globalization;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// <c>--name value</c> pairs with defaults, and <c>--flag</c>s that take no value. A benchmark runs for minutes and its
/// figures go into the README, so an option it does not know (a typo, <c>--help</c>), an option without a value or a
/// number that is not one is refused before anything runs, instead of being ignored and the run measuring something
/// else than was asked.
/// </summary>
internal sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private BenchmarkArguments(Dictionary<string, string> values, HashSet<string> flags)
    {
        _values = values;
        _flags = flags;
    }

    /// <summary>
    /// Reads <paramref name="args"/> as <c>--name value</c> pairs, each name one of <paramref name="known"/>, and
    /// <c>--flag</c>s, each one of <paramref name="flags"/>.
    /// </summary>
    /// <exception cref="BenchmarkUsageException">An unknown or repeated option, or one without a value.</exception>
    public static BenchmarkArguments Parse(string[] args, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? flags = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            var name = option.StartsWith("--", StringComparison.Ordinal) ? option[2..] : null;
            if (name is not null && flags is not null && flags.Contains(name, StringComparer.Ordinal))
            {
                if (!given.Add(name))
                {
                    throw new BenchmarkUsageException($"{option} is given twice");
                }

                continue;
            }

            if (name is null || !known.Contains(name, StringComparer.Ordinal))
            {
                throw new BenchmarkUsageException($"unknown option {option}");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchmarkUsageException($"{option} needs a value");
            }

            if (!values.TryAdd(name, args[++i]))
            {
                throw new BenchmarkUsageException($"{option} is given twice");
            }
        }

        return new BenchmarkArguments(values, given);
    }

    /// <summary>Whether the flag <c>--<paramref name="name"/></c> was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <exception cref="BenchmarkUsageException">The value is not a whole number of at least <paramref name="minimum"/>.</exception>
    public int Int(string name, int fallback, int minimum = 0)
    {
        if (!_values.TryGetValue(name, out var value))
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum
            ? parsed
            : throw new BenchmarkUsageException($"--{name} must be a whole number of at least {minimum}, not \"{value}\"");
    }

    public string? String(string name) => _values.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The command line asks for something the benchmark does not do; the message says what.</summary>
internal sealed class BenchmarkUsageException(string message) : Exception(message);
