using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatTriageBot.Tests.Slack;

/// <summary>
/// The rendered <see cref="GoldenMessages"/> are compared with blockkit-typecheck/golden/*.json, and those files are
/// type-checked against @slack/types (KnownBlock[]) by blockkit-typecheck/check.mjs when Node and the packages are
/// installed. Set UPDATE_GOLDEN=1 to rewrite the files after an intended change, then review the diff.
/// </summary>
public sealed class BlockKitGoldenTests
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<string> Names => [.. GoldenMessages.All.Keys];

    private static string GoldenFolder => Path.Combine(SourceTree.TypeCheckFolder, "golden");

    [Theory]
    [MemberData(nameof(Names))]
    public void Golden_RenderedMessage_MatchesCommittedJson(string name)
    {
        var path = Path.Combine(GoldenFolder, $"{name}.json");
        var rendered = GoldenMessages.All[name].Blocks.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenFolder);
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with UPDATE_GOLDEN=1 and commit it.");
        var committed = File.ReadAllText(path);
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(rendered)),
            $"{name}: the rendered blocks differ from {path}; if intended, rerun with UPDATE_GOLDEN=1 and review the diff.");
    }

    [Fact]
    public async Task Golden_AllFiles_SatisfySlackTypesKnownBlocks()
    {
        var folder = SourceTree.TypeCheckFolder;
        var node = FindOnPath("node");
        if (node is null)
        {
            Assert.Skip("node is not on PATH; the @slack/types check needs Node 20+.");
        }

        foreach (var package in new[] { "@slack/types", "typescript" })
        {
            if (!File.Exists(Path.Combine(folder, "node_modules", package, "package.json")))
            {
                Assert.Skip($"{package} is not installed; run `npm install` in {folder} (needs the npm registry) to enable this check.");
            }
        }

        var start = new ProcessStartInfo(node, ["check.mjs"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"check.mjs exited {process.ExitCode}:\n{output}");
        Assert.Contains($"ok: {Directory.GetFiles(GoldenFolder, "*.json").Length} golden message(s)", output, StringComparison.Ordinal);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? name + ".exe" : name))
            .FirstOrDefault(File.Exists);
}
