using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Storage;

internal static class StorageErrors
{
    /// <summary>
    /// True when a save failed only because a row with the same unique key exists (a duplicate), as opposed to the
    /// database being unreachable or broken, which must not be mistaken for "already done".
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
            DbException db => db.SqlState == "23505",
            _ => false,
        };
    }
}
