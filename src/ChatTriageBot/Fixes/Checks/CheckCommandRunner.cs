using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ChatTriageBot.CodeContext;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Runs a repository's check command (<c>Repos__N__CheckCommand</c>) on a patch: in a temporary git worktree of the
/// repository at the patch's base commit with the patch applied, through <c>sh -c</c>, in a session and process group
/// of its own (<c>setsid</c>) so that at the time limit (<c>Fixes__CheckTimeoutSeconds</c>) the whole group is killed,
/// not just the shell. The command runs the repository's code, so its environment holds nothing of the bot's: it starts
/// empty, with only <c>PATH</c>, <c>HOME</c> and <c>LANG</c> copied in.
/// </summary>
internal sealed class CheckCommandRunner(IOptions<FixesOptions> options, TimeProvider timeProvider, ILogger<CheckCommandRunner> logger)
{
    /// <summary>Lines of output kept for the thread when the command fails.</summary>
    public const int TailLines = 25;

    private const int MaxLineChars = 400;
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);
    private static readonly string[] KeptVariables = ["PATH", "HOME", "LANG"];

    /// <summary>
    /// Runs <paramref name="command"/> on <paramref name="patch"/> applied at <paramref name="commit"/> of the repository
    /// at <paramref name="repositoryPath"/> (a bare mirror or a working tree's git folder).
    /// </summary>
    public async Task<FixCheck> RunAsync(string repositoryPath, string commit, string patch, string command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repositoryPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var work = Directory.CreateTempSubdirectory("ctb-check-");
        var tree = Path.Combine(work.FullName, "tree");
        var added = false;
        try
        {
            var add = await GitCommand.RunAsync(["-C", repositoryPath, "worktree", "add", "--detach", "--quiet", tree, commit], GitTimeout, cancellationToken);
            if (!add.Succeeded)
            {
                return new FixCheck(FixCheck.Command, false, $"could not check out {Short(commit)} to run `{command}`: {add.ErrorSummary}");
            }

            added = true;
            var patchFile = Path.Combine(work.FullName, "fix.patch");
            await File.WriteAllTextAsync(patchFile, patch, cancellationToken);
            var apply = await GitCommand.RunAsync(["-C", tree, "apply", "--whitespace=nowarn", patchFile], GitTimeout, cancellationToken);
            if (!apply.Succeeded)
            {
                return new FixCheck(FixCheck.Command, false, $"the patch did not apply at {Short(commit)}: {apply.ErrorSummary}");
            }

            return await RunCommandAsync(tree, command, cancellationToken);
        }
        finally
        {
            await RemoveAsync(repositoryPath, tree, added);
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Something the command left behind is still open; the temp folder is cleaned up by the system.
            }
            catch (UnauthorizedAccessException)
            {
                // The command made files we may not delete; the same.
            }
        }
    }

    private async Task<FixCheck> RunCommandAsync(string directory, string command, CancellationToken cancellationToken)
    {
        var limit = options.Value.CheckTimeout;
        var useSetsid = File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid");
        var start = new ProcessStartInfo(useSetsid ? "setsid" : "sh")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useSetsid)
        {
            start.ArgumentList.Add("sh");
        }

        // The command's standard error joins its standard output in one pipe, so the tail keeps the order in which
        // the lines were written (two pipes read apart would interleave them by chance).
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec 2>&1\n" + command);
        start.Environment.Clear();
        foreach (var name in KeptVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line.Length > MaxLineChars ? line[..MaxLineChars] + "…" : line);
                while (tail.Count > TailLines)
                {
                    tail.Dequeue();
                }
            }
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        var started = timeProvider.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception exception)
        {
            return new FixCheck(FixCheck.Command, false, $"`{command}` could not be started: {exception.Message}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            await KillGroupAsync(process, useSetsid);
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            // Output still buffered in the pipes arrives after the exit; a descendant that escaped the group could keep
            // them open forever, so this is bounded.
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(ExitGrace, timeProvider, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // Nothing more is read.
        }

        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        string output;
        lock (tail)
        {
            output = string.Join('\n', tail);
        }

        var inv = CultureInfo.InvariantCulture;
        if (timedOut)
        {
            FixesLog.CheckTimedOut(logger, command.Length, limit.TotalSeconds);
            return new FixCheck(FixCheck.Command, false, string.Create(inv, $"`{command}` did not finish within {limit.TotalSeconds:0} s (Fixes__CheckTimeoutSeconds); it and every process it started were stopped"))
            {
                OutputTail = output,
            };
        }

        return process.ExitCode == 0
            ? new FixCheck(FixCheck.Command, true, string.Create(inv, $"`{command}` passed in {seconds:0.0} s"))
            : new FixCheck(FixCheck.Command, false, string.Create(inv, $"`{command}` failed with exit code {process.ExitCode} after {seconds:0.0} s")) { OutputTail = output };
    }

    /// <summary>Kills the command's whole process group (its session leader's pid is the group id), then whatever is left of its tree.</summary>
    private static async Task KillGroupAsync(Process process, bool ownGroup)
    {
        if (ownGroup)
        {
            try
            {
                using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + process.Id.ToString(CultureInfo.InvariantCulture)])
                {
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                if (kill is not null)
                {
                    await kill.WaitForExitAsync(CancellationToken.None);
                }
            }
            catch (Win32Exception)
            {
                // No kill executable: the tree kill below is all there is.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task RemoveAsync(string repositoryPath, string tree, bool added)
    {
        if (added)
        {
            await GitCommand.RunAsync(["-C", repositoryPath, "worktree", "remove", "--force", tree], GitTimeout, CancellationToken.None);
        }

        if (Directory.Exists(tree))
        {
            Directory.Delete(tree, recursive: true);
        }

        await GitCommand.RunAsync(["-C", repositoryPath, "worktree", "prune"], GitTimeout, CancellationToken.None);
    }

    private static string Short(string commit) => commit.Length > 10 ? commit[..10] : commit;
}
