using System.Text;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Applies a fix's unified diff to the files of a commit with git itself (<c>git apply</c>, exact context, no fuzz),
/// in a temporary folder: how a patch written for the pinned commit is carried to the default branch's head when that
/// moved. A patch that no longer applies is reported with git's reason, never half-applied.
/// </summary>
internal static class PatchApplier
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The changed files' new text at <paramref name="snapshot"/>'s commit, or the reason the patch does not apply there.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Files, string? Problem)> ApplyAsync(RepositorySnapshot snapshot, string patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(patch);
        var changed = PatchText.ChangedFiles(patch);
        if (changed.Count == 0)
        {
            return (null, "the patch changes no file");
        }

        var work = Directory.CreateTempSubdirectory("ctb-apply-");
        try
        {
            var tree = Path.Combine(work.FullName, "a");
            Directory.CreateDirectory(tree);
            foreach (var path in changed)
            {
                if (snapshot.ReadText(path) is not { } text)
                {
                    return (null, $"{path} is no longer a text file at {Short(snapshot.CommitSha)}");
                }

                var file = Path.Combine(tree, path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
            }

            var patchFile = Path.Combine(work.FullName, "fix.patch");
            await File.WriteAllTextAsync(patchFile, patch, cancellationToken);
            var apply = await GitCommand.RunAsync(["-C", tree, "apply", "--whitespace=nowarn", patchFile], GitTimeout, cancellationToken);
            if (!apply.Succeeded)
            {
                return (null, $"git apply at {Short(snapshot.CommitSha)}: {apply.ErrorSummary}");
            }

            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in changed)
            {
                files[path] = await File.ReadAllTextAsync(Path.Combine(tree, path), cancellationToken);
            }

            return (files, null);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Short(string commit) => commit.Length > 10 ? commit[..10] : commit;
}
