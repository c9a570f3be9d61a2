using System.Diagnostics;
using System.Text;

namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// Runs the real ChatTriageBot executable as a child process (the build copies it next to the tests), with an
/// environment made only of what the test gives plus what .NET itself needs: no setting leaks in from the machine.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private readonly ITestOutputHelper? _output = TestContext.Current.TestOutputHelper;

    private AppProcess(Process process)
    {
        _process = process;
    }

    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "ChatTriageBot.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static AppProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(app._stdout, "out", e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(app._stderr, "err", e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Runs to completion and returns the exit code (the process is killed if it outlives <paramref name="timeout"/>).</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        await using var app = Start(workingDirectory, environment, args);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await app._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            app.Kill();
            throw new TimeoutException($"the app did not exit within {timeout}; stderr so far:\n{app.StandardError}");
        }

        app._process.WaitForExit();
        return (app._process.ExitCode, app.StandardOutput, app.StandardError);
    }

    /// <summary>SIGKILL: no shutdown hooks, no graceful lease release — a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!StandardOutput.Contains(text, StringComparison.Ordinal) && !StandardError.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the app exited ({_process.ExitCode}) before printing '{text}':\n{StandardError}\n{StandardOutput}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the app did not print '{text}' within {timeout}:\n{StandardError}\n{StandardOutput}");
            }

            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps a line of the child's output for assertions and copies it to the test's output (shown when the test fails).</summary>
    private void Append(StringBuilder target, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.AppendLine(line);
        }

        try
        {
            _output?.WriteLine($"[app {_process.Id} {stream}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
