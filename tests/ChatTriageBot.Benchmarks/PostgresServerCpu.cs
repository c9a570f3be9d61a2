using System.Globalization;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// The CPU time a PostgreSQL server on this machine has spent for the benchmark's database, from <c>/proc</c>: the
/// user and system time of the backends connected to it, plus that of the server's finished children (parallel
/// workers, closed connections), which the kernel adds to the postmaster once they exit. The difference between two
/// readings is the server's work for what ran between them (and whatever other databases' connections closed
/// meanwhile). Null when the server's processes are not visible here (another machine or container).
/// </summary>
internal static class PostgresServerCpu
{
    /// <summary>Linux reports process times in USER_HZ ticks, 100 a second on every architecture .NET runs on.</summary>
    private const double MillisecondsPerTick = 10;

    public static async Task<double?> ReadAsync(IDbContextFactory<TriageDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var backends = await db.Database
            .SqlQueryRaw<int>("SELECT pid AS \"Value\" FROM pg_stat_activity WHERE datname = current_database()")
            .ToListAsync();
        long ticks = 0;
        int? postmaster = null;
        foreach (var pid in backends)
        {
            if (Stat(pid) is not { } stat)
            {
                return null;
            }

            ticks += stat.Own;
            postmaster = stat.Parent;
        }

        return postmaster is { } parent && Stat(parent) is { } server ? (ticks + server.Children) * MillisecondsPerTick : null;
    }

    /// <summary>Fields of <c>/proc/PID/stat</c> of a <c>postgres</c> process: its parent, its own time, its finished children's time.</summary>
    private static (int Parent, long Own, long Children)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // "PID (COMM) STATE PPID ... UTIME STIME CUTIME CSTIME ...": the command name may hold spaces, so fields count from its ')'.
        var close = text.LastIndexOf(')');
        if (close < 0 || !text.AsSpan(0, close).EndsWith(" (postgres", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = text[(close + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
    }
}
