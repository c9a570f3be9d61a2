using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Triage;

/// <summary>
/// The facts of a finished triage that reports count without reading its JSON: the diagnosis' kind and severity, the
/// time to the answer, and the files the diagnosis blamed (its verified evidence).
/// </summary>
internal static class TriageFacts
{
    private const int MaxFiles = 50;
    private const int MaxPathLength = 500;

    /// <summary>Sets the facts on <paramref name="triage"/> and replaces its blamed files; saved with the triage's next save.</summary>
    public static async Task RecordAsync(TriageDbContext db, TriageRecord triage, TriageReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(report);
        triage.Kind = report.Diagnosis?.Kind;
        triage.Severity = report.Diagnosis?.Severity;
        triage.AnswerMs = (long)Math.Max(0, (now - triage.CreatedAt).TotalMilliseconds);

        // A re-run of a job that finished once finds its earlier rows: replace them rather than add twice.
        await db.BlamedFiles.Where(b => b.TriageId == triage.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var path in (report.Diagnosis?.Evidence ?? []).Select(e => e.Path).Where(p => p.Length is > 0 and <= MaxPathLength).Distinct(StringComparer.Ordinal).Take(MaxFiles))
        {
            db.BlamedFiles.Add(new TriageBlamedFileRecord { TriageId = triage.Id, Path = path });
        }
    }
}
