namespace ChatTriageBot.CodeContext;

/// <summary>How one ranking runs: the signals left out (by <see cref="IRankingSignal.Name"/>), to measure what each contributes.</summary>
internal sealed record RankingOptions
{
    /// <summary>Every signal on: what the bot runs.</summary>
    public static RankingOptions Default { get; } = new();

    /// <summary>The names of the signals switched off.</summary>
    public IReadOnlySet<string> DisabledSignals { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Every signal on except <paramref name="signals"/>.</summary>
    /// <exception cref="ArgumentException">A name is not one of <see cref="CodeRanker.SignalNames"/>.</exception>
    public static RankingOptions Without(params IEnumerable<string> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var disabled = signals.ToHashSet(StringComparer.Ordinal);
        var unknown = disabled.Except(CodeRanker.SignalNames, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? new RankingOptions { DisabledSignals = disabled }
            : throw new ArgumentException($"unknown signal {string.Join(", ", unknown)}; the signals are {string.Join(", ", CodeRanker.SignalNames)}", nameof(signals));
    }
}
