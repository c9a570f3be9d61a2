namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted (read-only files included) on dispose.</summary>
public sealed class TempDirectory : IDisposable, IAsyncDisposable
{
    public TempDirectory(string prefix = "ctb")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chattriagebot-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Deletes a folder tree after clearing read-only attributes (git object files are read-only).</summary>
    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(path, recursive: true);
    }

    public void Dispose() => DeleteTree(Path);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Path;
}
