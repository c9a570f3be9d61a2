namespace ChatTriageBot.Costs;

/// <summary>
/// What the model spend of a period bought: the totals and the period before for comparison, what was done (triages,
/// fixes, pull requests) and so the cost of each, a breakdown (the ten largest and the rest), the caps that apply, and
/// the month's projection. <c>/triage cost</c> and the <c>cost</c> verb show the same report.
/// </summary>
internal sealed record CostReport
{
    public required string Period { get; init; }

    public required string TimeZone { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required CostTotals Total { get; init; }

    public required DateTimeOffset PreviousFrom { get; init; }

    public required DateTimeOffset PreviousTo { get; init; }

    /// <summary>What the period of the same length just before cost (millionths of a dollar).</summary>
    public required long PreviousCostMicros { get; init; }

    /// <summary>Spend against the period before, in percent; null when nothing was spent then.</summary>
    public double? ChangePercent => PreviousCostMicros == 0 ? null : Math.Round((double)(Total.CostMicros - PreviousCostMicros) / PreviousCostMicros * 100, 1);

    public required int Triages { get; init; }

    /// <summary>Patches written (checked and posted).</summary>
    public required int Fixes { get; init; }

    public required int PullRequestsOpened { get; init; }

    /// <summary>Pull requests merged in the period: the tickets resolved.</summary>
    public required int PullRequestsMerged { get; init; }

    public decimal? CostPerTriageUsd => Triages == 0 ? null : Math.Round(Total.CostUsd / Triages, 6);

    /// <summary>All the period's spend over the tickets it resolved (pull request merged): what a resolution cost.</summary>
    public decimal? CostPerResolvedUsd => PullRequestsMerged == 0 ? null : Math.Round(Total.CostUsd / PullRequestsMerged, 6);

    public required CostBreakdown By { get; init; }

    public required IReadOnlyList<CostRow> Rows { get; init; }

    /// <summary>Everything after the ten largest rows, summed; null when there is nothing more.</summary>
    public CostRow? Others { get; init; }

    public required IReadOnlyList<CapStatus> Caps { get; init; }

    public required MonthProjection Month { get; init; }
}
