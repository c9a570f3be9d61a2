using System.Diagnostics;
using System.Globalization;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// This process's memory, in MB: private (anonymous) memory, the working set, how much of the working set is git pack
/// files that libgit2 maps to read objects (file pages the kernel can drop and read again at any time), and the peak
/// working set. On Linux from <c>/proc/self</c>; elsewhere only the working sets are known (the rest is NaN).
/// </summary>
internal sealed record ProcessMemory(double PrivateMb, double WorkingSetMb, double MappedPacksMb, double PeakWorkingSetMb)
{
    public static ProcessMemory Read()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSet = process.WorkingSet64 / 1024.0 / 1024.0;
        var peak = process.PeakWorkingSet64 / 1024.0 / 1024.0;
        if (!File.Exists("/proc/self/status"))
        {
            return new ProcessMemory(double.NaN, workingSet, double.NaN, peak);
        }

        var status = File.ReadAllLines("/proc/self/status");
        double Kb(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                ? double.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0
                : double.NaN;

        // smaps: a mapping's header ("start-end perms offset device inode [path]") is followed by "Name: value kB" lines.
        var packs = 0.0;
        var inPack = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            if (!fields[0].EndsWith(':'))
            {
                inPack = fields.Length >= 6 && fields[^1].EndsWith(".pack", StringComparison.Ordinal);
            }
            else if (inPack && fields[0] == "Rss:")
            {
                packs += double.Parse(fields[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return new ProcessMemory(Kb(status, "RssAnon"), Kb(status, "VmRSS"), packs, Kb(status, "VmHWM"));
    }
}
