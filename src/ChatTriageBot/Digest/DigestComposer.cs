using System.Linq.Expressions;
using ChatTriageBot.Costs;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Digest;

/// <summary>
/// Reads one week's <see cref="DigestContent"/> from the database: counts and sums are computed by the database over
/// indexed time ranges (the week's bounds are worked out in <c>Digest__TimeZone</c> here), never by loading rows.
/// </summary>
internal sealed class DigestComposer(IDbContextFactory<TriageDbContext> databases, IOptions<DigestOptions> options)
{
    /// <summary>Entries in each of the digest's top lists.</summary>
    public const int Top = 3;

    public const int TopFiles = 5;

    public const int ChartDays = 28;

    public async Task<DigestContent> ComposeAsync(DigestWeek week, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone;
        var from = LocalCalendar.StartOf(week.Monday, zone);
        var to = LocalCalendar.StartOf(week.NextMonday, zone);
        var previousFrom = LocalCalendar.StartOf(week.Previous.Monday, zone);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        var triages = db.Triages.AsNoTracking().Where(t => t.CreatedAt >= from && t.CreatedAt < to);
        var requests = db.SupportRequests.AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to);
        var received = await requests.GroupBy(r => r.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var receivedTriaged = await requests
            .Where(r => db.Triages.Any(t => t.Channel == r.Channel && t.ThreadTs == r.Ts))
            .GroupBy(r => r.Channel).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var perChannel = await triages.Where(t => t.Channel != null)
            .GroupBy(t => t.Channel!).Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var channels = received.Select(r => r.Channel).Concat(perChannel.Select(c => c.Channel)).Distinct(StringComparer.Ordinal)
            .Select(c => new DigestChannel(
                c,
                received.FirstOrDefault(r => r.Channel == c)?.Count ?? 0,
                receivedTriaged.FirstOrDefault(r => r.Channel == c)?.Count ?? 0,
                perChannel.FirstOrDefault(r => r.Channel == c)?.Count ?? 0))
            .OrderByDescending(c => c.Received).ThenByDescending(c => c.Triages).ThenBy(c => c.Channel, StringComparer.Ordinal)
            .ToList();

        var fixes = db.Fixes.AsNoTracking();
        var outcomes = db.PullRequestOutcomes.AsNoTracking().Where(o => o.At >= from && o.At < to);
        var merged = await outcomes.Where(o => o.Outcome == PullRequestOutcome.Merged)
            .GroupBy(_ => 1)
            .Select(g => new { Merged = g.Count(), Checked = g.Count(o => o.TouchedBlamedFiles != null), Touching = g.Count(o => o.TouchedBlamedFiles == true) })
            .FirstOrDefaultAsync(cancellationToken);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.At >= from && f.At < to)
            .GroupBy(f => f.Helpful).Select(g => new { Helpful = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new DigestContent
        {
            Week = week,
            TimeZone = zone.Id,
            From = from,
            To = to,
            Channels = channels,
            Triages = await triages.CountAsync(cancellationToken),
            ByKind = await CountAsync(triages.Where(t => t.Kind != null).GroupBy(t => t.Kind!), cancellationToken),
            BySeverity = await CountAsync(triages.Where(t => t.Severity != null).GroupBy(t => t.Severity!), cancellationToken),
            ByRepository = await CountAsync(triages.Where(t => t.Repository != null).GroupBy(t => t.Repository!), cancellationToken),
            Fixes = await fixes.CountAsync(f => f.CreatedAt >= from && f.CreatedAt < to && f.Status == FixStatus.Ready, cancellationToken),
            PullRequestsOpened = await fixes.CountAsync(f => f.PullRequestOpenedAt >= from && f.PullRequestOpenedAt < to, cancellationToken),
            PullRequestsMerged = merged?.Merged ?? 0,
            PullRequestsClosed = await outcomes.CountAsync(o => o.Outcome == PullRequestOutcome.Closed, cancellationToken),
            MergedTouchingBlamed = merged?.Touching ?? 0,
            MergedChecked = merged?.Checked ?? 0,
            Helpful = feedback.FirstOrDefault(f => f.Helpful)?.Count ?? 0,
            NotHelpful = feedback.FirstOrDefault(f => !f.Helpful)?.Count ?? 0,
            Spend = await CostReportService.TotalsAsync(db, from, to, cancellationToken),
            PreviousCostMicros = await CostReportService.SpentAsync(db, previousFrom, from, cancellationToken),
            MostExpensive = await MostExpensiveAsync(db, from, to, cancellationToken),
            Slowest = await triages.Where(t => t.AnswerMs != null)
                .OrderByDescending(t => t.AnswerMs).ThenBy(t => t.Id)
                .Take(Top)
                .Select(t => new DigestTriage(t.Id, t.Channel, t.ThreadTs, t.Repository, 0, t.AnswerMs))
                .ToListAsync(cancellationToken),
            MostBlamed = await (from b in db.BlamedFiles.AsNoTracking()
                                join t in triages on b.TriageId equals t.Id
                                group b by new { t.Repository, b.Path } into g
                                orderby g.Count() descending, g.Key.Path
                                select new DigestBlamedFile(g.Key.Repository, g.Key.Path, g.Count()))
                .Take(TopFiles)
                .ToListAsync(cancellationToken),
            Days = await DaysAsync(db, week, zone, cancellationToken),
        };
    }

    private static async Task<IReadOnlyList<DigestCount>> CountAsync(IQueryable<IGrouping<string, TriageRecord>> groups, CancellationToken cancellationToken) =>
        [.. (await groups.Select(g => new { Name = g.Key, Count = g.Count() }).OrderByDescending(c => c.Count).ThenBy(c => c.Name).ToListAsync(cancellationToken))
            .Select(c => new DigestCount(c.Name, c.Count))];

    private static async Task<IReadOnlyList<DigestTriage>> MostExpensiveAsync(TriageDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var top = await db.ModelUsage.AsNoTracking()
            .Where(u => u.CreatedAt >= from && u.CreatedAt < to && u.TriageId != null)
            .GroupBy(u => u.TriageId!.Value)
            .Select(g => new { TriageId = g.Key, CostMicros = g.Sum(u => u.CostMicros) })
            .OrderByDescending(x => x.CostMicros).ThenBy(x => x.TriageId)
            .Take(Top)
            .ToListAsync(cancellationToken);
        var ids = top.Select(t => t.TriageId).ToList();
        var threads = await db.Triages.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Channel, t.ThreadTs, t.Repository, t.AnswerMs })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        return [.. top.Where(t => t.CostMicros > 0).Select(t => threads.TryGetValue(t.TriageId, out var thread)
            ? new DigestTriage(t.TriageId, thread.Channel, thread.ThreadTs, thread.Repository, t.CostMicros, thread.AnswerMs)
            : new DigestTriage(t.TriageId, null, null, null, t.CostMicros, null))];
    }

    /// <summary>
    /// Spend and triages for each of the 28 local days ending with the week: one grouped query per measure, each row
    /// put in its day by comparing its time with the days' UTC bounds (worked out here, so a day is 23 or 25 hours long
    /// across a daylight-saving change, and the same SQL runs on every database).
    /// </summary>
    private static async Task<IReadOnlyList<DigestDay>> DaysAsync(TriageDbContext db, DigestWeek week, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var first = week.NextMonday.AddDays(-ChartDays);
        var dates = Enumerable.Range(0, ChartDays).Select(first.AddDays).ToList();
        var ends = dates.Select(d => LocalCalendar.StartOf(d.AddDays(1), zone)).ToList();
        var (start, end) = (LocalCalendar.StartOf(first, zone), ends[^1]);
        var spend = (await db.ModelUsage.AsNoTracking()
                .Where(u => u.CreatedAt >= start && u.CreatedAt < end)
                .GroupBy(DayOf<ModelUsageRecord>(u => u.CreatedAt, ends))
                .Select(g => new { Day = g.Key, CostMicros = g.Sum(u => u.CostMicros) })
                .ToListAsync(cancellationToken))
            .ToDictionary(x => x.Day, x => x.CostMicros);
        var triages = (await db.Triages.AsNoTracking()
                .Where(t => t.CreatedAt >= start && t.CreatedAt < end)
                .GroupBy(DayOf<TriageRecord>(t => t.CreatedAt, ends))
                .Select(g => new { Day = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToDictionary(x => x.Day, x => x.Count);
        return [.. dates.Select((date, i) => new DigestDay(date, spend.GetValueOrDefault(i), triages.GetValueOrDefault(i)))];
    }

    /// <summary>
    /// The day (0 to 27) a row's time falls in, as an expression the database evaluates:
    /// <c>CASE WHEN at &lt; end0 THEN 0 WHEN at &lt; end1 THEN 1 … ELSE 27 END</c>.
    /// </summary>
    private static Expression<Func<T, int>> DayOf<T>(Expression<Func<T, DateTimeOffset>> at, List<DateTimeOffset> ends)
    {
        Expression day = Expression.Constant(ends.Count - 1);
        for (var i = ends.Count - 2; i >= 0; i--)
        {
            day = Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(ends[i])), Expression.Constant(i), day);
        }

        return Expression.Lambda<Func<T, int>>(day, at.Parameters);
    }
}
