namespace ChatTriageBot.CodeContext;

/// <summary>
/// One kind of evidence the ranker weighs: it reads the request, the commit and its history from the context and adds
/// evidence to the files it points at. <see cref="CodeRanker"/> runs the signals in a fixed order; one can be switched
/// off by its name (<see cref="RankingOptions"/>) to measure what it contributes.
/// </summary>
internal interface IRankingSignal
{
    /// <summary>The signal's name, as <c>locate --without</c> and the ablation table write it.</summary>
    string Name { get; }

    void Apply(RankingContext context);
}
