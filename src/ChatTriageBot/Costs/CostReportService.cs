using System.Globalization;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

/// <summary>
/// Builds a <see cref="CostReport"/> with a few aggregate queries: every sum and count is computed by the database over
/// a time range of the ledger (an index covers it), never by loading rows.
/// </summary>
internal sealed class CostReportService(
    IDbContextFactory<TriageDbContext> databases,
    UsageLedger ledger,
    Budget budget,
    IOptions<CostsOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>Rows a breakdown shows before "others".</summary>
    public const int TopRows = 10;

    public TimeZoneInfo Zone => options.Value.Zone;

    /// <summary>The period a report argument names now (<see cref="CostPeriod.Parse"/>), in <c>Costs__TimeZone</c>.</summary>
    public CostPeriod? Period(string text, out string? problem) => CostPeriod.Parse(text, timeProvider.GetUtcNow(), Zone, out problem);

    /// <summary>
    /// The report of <paramref name="period"/>, broken down <paramref name="by"/>, with the caps that apply in
    /// <paramref name="channel"/> to <paramref name="userId"/> (team caps only when both are null).
    /// </summary>
    public async Task<CostReport> BuildAsync(CostPeriod period, CostBreakdown by, string? channel, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (from, to) = (period.From, period.To);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var total = await TotalsAsync(db, from, to, cancellationToken);
        var previous = await SpentAsync(db, period.PreviousFrom, period.PreviousTo, cancellationToken);
        var (rows, others) = by == CostBreakdown.None ? ([], null) : await BreakdownAsync(db, by, from, to, total, cancellationToken);
        return new CostReport
        {
            Period = period.Label,
            TimeZone = Zone.Id,
            From = from,
            To = to,
            Total = total,
            PreviousFrom = period.PreviousFrom,
            PreviousTo = period.PreviousTo,
            PreviousCostMicros = previous,
            Triages = await db.Triages.AsNoTracking().CountAsync(t => t.CreatedAt >= from && t.CreatedAt < to, cancellationToken),
            Fixes = await db.Fixes.AsNoTracking().CountAsync(f => f.CreatedAt >= from && f.CreatedAt < to && f.Status == FixStatus.Ready, cancellationToken),
            PullRequestsOpened = await db.Fixes.AsNoTracking().CountAsync(f => f.PullRequestOpenedAt >= from && f.PullRequestOpenedAt < to, cancellationToken),
            PullRequestsMerged = await db.PullRequestOutcomes.AsNoTracking().CountAsync(o => o.Outcome == PullRequestOutcome.Merged && o.At >= from && o.At < to, cancellationToken),
            By = by,
            Rows = rows,
            Others = others,
            Caps = await budget.CapsAsync(channel, userId, cancellationToken),
            Month = await MonthAsync(cancellationToken),
        };
    }

    /// <summary>Calls, money and tokens of the ledger in [<paramref name="from"/>, <paramref name="to"/>), summed by the database.</summary>
    public static async Task<CostTotals> TotalsAsync(TriageDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ModelUsage.AsNoTracking()
            .Where(u => u.CreatedAt >= from && u.CreatedAt < to)
            .GroupBy(_ => 1)
            .Select(g => new CostTotals(
                g.LongCount(),
                g.LongCount(u => !u.Priced),
                g.Sum(u => u.CostMicros),
                g.Sum(u => u.InputTokens),
                g.Sum(u => u.CachedInputTokens),
                g.Sum(u => u.OutputTokens),
                g.Sum(u => u.ReasoningTokens)))
            .FirstOrDefaultAsync(cancellationToken) ?? CostTotals.Zero;
    }

    /// <summary>Millionths of a dollar spent in [<paramref name="from"/>, <paramref name="to"/>), summed by the database.</summary>
    public static Task<long> SpentAsync(TriageDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ModelUsage.AsNoTracking().Where(u => u.CreatedAt >= from && u.CreatedAt < to).SumAsync(u => u.CostMicros, cancellationToken);
    }

    private static async Task<(IReadOnlyList<CostRow> Rows, CostRow? Others)> BreakdownAsync(
        TriageDbContext db, CostBreakdown by, DateTimeOffset from, DateTimeOffset to, CostTotals total, CancellationToken cancellationToken)
    {
        var calls = db.ModelUsage.AsNoTracking().Where(u => u.CreatedAt >= from && u.CreatedAt < to);
        var slices = by switch
        {
            CostBreakdown.User => calls.Select(u => new Slice { Key = u.UserId, CostMicros = u.CostMicros, InputTokens = u.InputTokens, OutputTokens = u.OutputTokens }),
            CostBreakdown.Channel => calls.Select(u => new Slice { Key = u.Channel, CostMicros = u.CostMicros, InputTokens = u.InputTokens, OutputTokens = u.OutputTokens }),
            CostBreakdown.Model => calls.Select(u => new Slice { Key = u.Model, CostMicros = u.CostMicros, InputTokens = u.InputTokens, OutputTokens = u.OutputTokens }),
            CostBreakdown.Repository => calls.Select(u => new Slice { Key = u.Repository, CostMicros = u.CostMicros, InputTokens = u.InputTokens, OutputTokens = u.OutputTokens }),
            _ => from u in calls
                 join t in db.Triages on u.TriageId equals t.Id into triages
                 from t in triages.DefaultIfEmpty()
                 join f in db.Fixes on u.TriageId equals f.TriageId into fixes
                 from f in fixes.DefaultIfEmpty()
                 join o in db.PullRequestOutcomes on f.Id equals o.FixId into outcomes
                 from o in outcomes.DefaultIfEmpty()
                 select new Slice
                 {
                     Key = t == null ? CostOutcomes.NoTriage
                         : o != null && o.Outcome == PullRequestOutcome.Merged ? CostOutcomes.Resolved
                         : o != null ? CostOutcomes.PullRequestClosed
                         : f != null && f.PullRequestOpenedAt != null ? CostOutcomes.PullRequestOpen
                         : f != null && f.Status == FixStatus.Ready ? CostOutcomes.FixWritten
                         : t.Status == TriageStatus.Completed ? CostOutcomes.Diagnosed
                         : CostOutcomes.Unfinished,
                     CostMicros = u.CostMicros,
                     InputTokens = u.InputTokens,
                     OutputTokens = u.OutputTokens,
                 },
        };

        var top = (await slices
            .GroupBy(s => s.Key)
            .Select(g => new { g.Key, Calls = g.LongCount(), CostMicros = g.Sum(s => s.CostMicros), InputTokens = g.Sum(s => s.InputTokens), OutputTokens = g.Sum(s => s.OutputTokens) })
            .OrderByDescending(r => r.CostMicros).ThenByDescending(r => r.Calls).ThenBy(r => r.Key)
            .Take(TopRows + 1)
            .ToListAsync(cancellationToken))
            .Select(r => new CostRow(r.Key, r.Calls, r.CostMicros, r.InputTokens, r.OutputTokens))
            .ToList();
        if (top.Count <= TopRows)
        {
            return (top, null);
        }

        var shown = top.Take(TopRows).ToList();
        var others = new CostRow(
            null,
            total.Calls - shown.Sum(r => r.Calls),
            total.CostMicros - shown.Sum(r => r.CostMicros),
            total.InputTokens - shown.Sum(r => r.InputTokens),
            total.OutputTokens - shown.Sum(r => r.OutputTokens));
        return (shown, others);
    }

    private async Task<MonthProjection> MonthAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var first = LocalCalendar.FirstOfMonth(LocalCalendar.DateOf(now, Zone));
        var start = LocalCalendar.StartOf(first, Zone);
        var end = LocalCalendar.StartOf(first.AddMonths(1), Zone);
        var spent = Money.ToDollars(await ledger.SpentMicrosAsync(start, null, null, cancellationToken));
        var elapsed = now - start;
        var projected = elapsed < TimeSpan.FromHours(1) ? (decimal?)null : Math.Round(spent * (decimal)((end - start) / elapsed), 2);
        return new MonthProjection(first.ToString("MMMM yyyy", CultureInfo.InvariantCulture), spent, projected);
    }

    /// <summary>One call's key and amounts, the shape every breakdown groups.</summary>
    private sealed class Slice
    {
        public string? Key { get; init; }

        public long CostMicros { get; init; }

        public long InputTokens { get; init; }

        public long OutputTokens { get; init; }
    }
}
