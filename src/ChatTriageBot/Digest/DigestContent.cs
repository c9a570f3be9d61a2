using ChatTriageBot.Costs;

namespace ChatTriageBot.Digest;

/// <summary>
/// What one week's digest says, read from the database: support requests received against those triaged (per
/// channel), triages by kind, severity and repository, fixes and pull requests, how often a merged fix touched the
/// blamed files, feedback, spend against the week before and per resolved ticket, the most expensive and the slowest
/// triages, the files most often blamed, and the four weeks of daily spend and volume the chart draws.
/// </summary>
internal sealed record DigestContent
{
    public required DigestWeek Week { get; init; }

    public required string TimeZone { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    public required IReadOnlyList<DigestChannel> Channels { get; init; }

    public required int Triages { get; init; }

    public required IReadOnlyList<DigestCount> ByKind { get; init; }

    public required IReadOnlyList<DigestCount> BySeverity { get; init; }

    public required IReadOnlyList<DigestCount> ByRepository { get; init; }

    public required int Fixes { get; init; }

    public required int PullRequestsOpened { get; init; }

    public required int PullRequestsMerged { get; init; }

    public required int PullRequestsClosed { get; init; }

    /// <summary>Of the pull requests merged this week whose outcome was checked, how many touched a file the diagnosis blamed.</summary>
    public required int MergedTouchingBlamed { get; init; }

    public required int MergedChecked { get; init; }

    public required int Helpful { get; init; }

    public required int NotHelpful { get; init; }

    public required CostTotals Spend { get; init; }

    /// <summary>What the week before cost (millionths of a dollar).</summary>
    public required long PreviousCostMicros { get; init; }

    public decimal? CostPerResolvedUsd => PullRequestsMerged == 0 ? null : Math.Round(Spend.CostUsd / PullRequestsMerged, 6);

    public required IReadOnlyList<DigestTriage> MostExpensive { get; init; }

    public required IReadOnlyList<DigestTriage> Slowest { get; init; }

    public required IReadOnlyList<DigestBlamedFile> MostBlamed { get; init; }

    /// <summary>The 28 days ending with the week, oldest first.</summary>
    public required IReadOnlyList<DigestDay> Days { get; init; }

    public int Received => Channels.Sum(c => c.Received);

    public int ReceivedTriaged => Channels.Sum(c => c.ReceivedTriaged);
}
