using System.Globalization;
using ChatTriageBot.Fixes;
using LibGit2Sharp;
using ChatTriageBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Tests.Fixes;

/// <summary>A repository's check command, run for real: in a temporary worktree with the patch applied, stopped with its whole process group at the limit, with none of the bot's environment.</summary>
public sealed class CheckCommandRunnerTests : IDisposable
{
    private const string Patch = """
        --- a/src/app.txt
        +++ b/src/app.txt
        @@ -1,2 +1,2 @@
        -status: broken
        +status: fixed
         end

        """;

    private readonly TestRepository repository = new();
    private readonly TempDirectory scratch = new("check");
    private readonly string commit;

    public CheckCommandRunnerTests()
    {
        repository.WriteFile("src/app.txt", "status: broken\nend\n");
        commit = repository.Commit("app");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Command_RunsOnThePatchedTree_AndTheWorktreeIsRemovedAfterwards()
    {
        var bare = repository.CloneBare();

        var check = await Runner(timeoutSeconds: 30).RunAsync(bare, commit, Patch, "grep -q 'status: fixed' src/app.txt && echo ok", Ct);

        Assert.True(check.Passed, check.Detail + check.OutputTail);
        Assert.Matches("passed in [0-9.]+ s", check.Detail);
        using var git = new Repository(bare);
        Assert.Empty(git.Worktrees);
        Assert.Equal("status: broken\nend\n", ((Blob)git.Lookup<Commit>(commit)["src/app.txt"].Target).GetContentText());
    }

    [Fact]
    public async Task FailingCommand_KeepsTheEndOfItsOutput()
    {
        var check = await Runner(timeoutSeconds: 30).RunAsync(repository.Path, commit, Patch, "for i in $(seq 1 40); do echo line $i; done; echo 'AssertionError: 0 != 1' >&2; exit 4", Ct);

        Assert.False(check.Passed);
        Assert.Contains("failed with exit code 4", check.Detail, StringComparison.Ordinal);
        var tail = check.OutputTail!.Split('\n');
        Assert.Equal(CheckCommandRunner.TailLines, tail.Length);
        Assert.Equal("AssertionError: 0 != 1", tail[^1]);
        Assert.DoesNotContain("line 1\n", check.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandOverTheLimit_IsStopped_WithEveryProcessItStarted()
    {
        var pids = scratch.Combine("pids");
        var command = $"sleep 300 & echo $! > {pids}; sh -c 'sleep 301' & echo $! >> {pids}; echo waiting; wait";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var check = await Runner(timeoutSeconds: 1).RunAsync(repository.Path, commit, Patch, command, Ct);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.False(check.Passed);
        Assert.Contains("did not finish within 1 s", check.Detail, StringComparison.Ordinal);
        Assert.Contains("waiting", check.OutputTail, StringComparison.Ordinal);
        foreach (var pid in (await File.ReadAllLinesAsync(pids, Ct)).Where(l => l.Length > 0))
        {
            await WaitUntilGoneAsync(int.Parse(pid, CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Command_SeesNoneOfTheBotsEnvironment()
    {
        Environment.SetEnvironmentVariable("CTB_CHECK_TEST_SECRET", "must-not-leak");
        Environment.SetEnvironmentVariable("GitHub__Token", "ghp_must_not_leak");

        var check = await Runner(timeoutSeconds: 30).RunAsync(repository.Path, commit, Patch, "env | cut -d= -f1 | sort; exit 1", Ct);

        var names = check.OutputTail!.Split('\n');
        Assert.DoesNotContain("CTB_CHECK_TEST_SECRET", names);
        Assert.DoesNotContain("GitHub__Token", names);
        Assert.Contains("PATH", names);
        Assert.All(names, n => Assert.Contains(n, new[] { "PATH", "HOME", "LANG", "PWD", "OLDPWD", "SHLVL", "_" }));
    }

    public void Dispose()
    {
        repository.Dispose();
        scratch.Dispose();
    }

    private static CheckCommandRunner Runner(int timeoutSeconds) =>
        new(Options.Create(new FixesOptions { CheckTimeoutSeconds = timeoutSeconds }), TimeProvider.System, NullLogger<CheckCommandRunner>.Instance);

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            // A killed child of an exited shell is reaped by init; until then it shows as a zombie ('Z').
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat) || (await File.ReadAllTextAsync(stat, Ct)).Split(' ')[2] == "Z")
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"process {pid}, started by the check command, is still running");
    }
}
