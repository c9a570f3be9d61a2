using System.Diagnostics;
using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// How much of a repository's pack files libgit2 keeps mapped. It reads objects through memory-mapped windows of the
/// pack, by default up to 1 GB a window and 8 GB in all on a 64-bit system, and unmaps nothing below that: a cold index
/// reads every blob, so every page of the pack stays in the bot's working set (86 MB for a 50,000-file repository, the
/// whole pack, history and all, for a large one). Smaller windows under a lower total let libgit2 unmap the windows it
/// used least lately.
/// LibGit2Sharp does not expose the total, so both are set through libgit2's own <c>git_libgit2_opts</c>.
/// </summary>
internal static class GitPackMapping
{
    /// <summary>
    /// Bytes a window maps. A query reads a few dozen files at random places in the pack, each maybe a chain of deltas;
    /// with 8 MB windows under 32 MB in all, sqlfluff's queries took about a third longer (37 to 42 ms against 26 to
    /// 33), with 16 MB under 64 MB about as long as with the defaults (31.5 ms).
    /// </summary>
    public const long WindowBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Bytes mapped in all, across every repository the process reads: a cold index reads the pack front to back
    /// (<see cref="PackOrder"/>), so this bounds what it keeps resident (a 50,000-file repository's peak working set
    /// 429 MB instead of 526).
    /// </summary>
    public const long MappedLimitBytes = 64L * 1024 * 1024;

    // libgit2's git_libgit2_opt_t: GIT_OPT_GET_MWINDOW_SIZE is 0, and so on.
    private const int GetWindowSize = 0;
    private const int SetWindowSize = 1;
    private const int GetMappedLimit = 2;
    private const int SetMappedLimit = 3;

    private static readonly Lazy<bool> Applied = new(() => Apply(WindowBytes, MappedLimitBytes));

    /// <summary>
    /// Sets the window size and total once per process (before the first repository is opened, as libgit2 asks);
    /// false when libgit2's library could not be found, in which case its defaults stay.
    /// </summary>
    public static bool EnsureApplied() => Applied.Value;

    /// <summary>The window size and total libgit2 uses now, or null when its library could not be found.</summary>
    public static (long WindowBytes, long MappedLimitBytes)? Current()
    {
        unsafe
        {
            var options = Options();
            if (options == null)
            {
                return null;
            }

            nuint window = 0;
            nuint limit = 0;
            return options(GetWindowSize, (nuint)(&window)) == 0 && options(GetMappedLimit, (nuint)(&limit)) == 0
                ? ((long)window, (long)limit)
                : null;
        }
    }

    private static bool Apply(long windowBytes, long mappedLimitBytes)
    {
        unsafe
        {
            var options = Options();
            return options != null && options(SetWindowSize, (nuint)windowBytes) == 0
                && options(SetMappedLimit, (nuint)mappedLimitBytes) == 0;
        }
    }

    /// <summary>
    /// <c>git_libgit2_opts</c> from the libgit2 that LibGit2Sharp loaded (its file name carries a build hash, so it is
    /// found among the process's loaded modules). The function is variadic; except on Apple's arm64, an integer or
    /// pointer after the option is passed as a fixed argument would be, which is all that is used here.
    /// </summary>
    private static unsafe delegate* unmanaged[Cdecl]<int, nuint, int> Options()
    {
        if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            return null; // Apple's arm64 passes variadic arguments on the stack: not callable this way.
        }

        _ = GlobalSettings.Version.Features; // a native call: loads libgit2
        using var process = Process.GetCurrentProcess();
        foreach (ProcessModule module in process.Modules)
        {
            var name = Path.GetFileName(module.FileName);
            if ((name.StartsWith("libgit2-", StringComparison.Ordinal) || name.StartsWith("git2-", StringComparison.Ordinal))
                && NativeLibrary.TryLoad(module.FileName, out var handle)
                && NativeLibrary.TryGetExport(handle, "git_libgit2_opts", out var export))
            {
                return (delegate* unmanaged[Cdecl]<int, nuint, int>)export;
            }
        }

        return null;
    }
}
