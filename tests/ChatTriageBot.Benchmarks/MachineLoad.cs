namespace ChatTriageBot.Benchmarks;

/// <summary>The machine's load averages (1, 5 and 15 minutes) from <c>/proc/loadavg</c>, recorded with each result.</summary>
internal static class MachineLoad
{
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
