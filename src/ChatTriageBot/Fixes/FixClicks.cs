using System.Globalization;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Fixes;

/// <summary>What the fix buttons' handlers share: reading the fix a button is about, and saying plainly why it cannot do that now.</summary>
internal static class FixClicks
{
    public static bool TryParseId(string? value, out long fixId) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out fixId);

    /// <summary>The fix and its triage (not tracked), or null when either is gone.</summary>
    public static async Task<(FixRecord Fix, TriageRecord Triage)?> LoadAsync(TriageDbContext db, long fixId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var fix = await db.Fixes.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fixId, cancellationToken);
        var triage = fix is null ? null : await db.Triages.AsNoTracking().FirstOrDefaultAsync(t => t.Id == fix.TriageId, cancellationToken);
        return fix is null || triage is null ? null : (fix, triage);
    }

    /// <summary>Why a fix in <paramref name="fix"/>'s state cannot be <paramref name="done"/> (e.g. "revised"), for the clicker.</summary>
    public static string Why(FixRecord fix, string done)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return fix.Status switch
        {
            FixStatus.Discarded => $"This fix was discarded, so it cannot be {done}.",
            FixStatus.Published => $"A draft pull request was already opened from this fix: {fix.PullRequestUrl}",
            FixStatus.Generating => $"The fix is being written right now; it can be {done} once it is in the thread.",
            FixStatus.Stale => $"This fix no longer applies to the default branch; click *Regenerate* first.",
            FixStatus.Failed => $"There is no patch to be {done}.",
            _ => $"This fix cannot be {done} now.",
        };
    }
}
