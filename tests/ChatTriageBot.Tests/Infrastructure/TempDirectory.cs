namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>
/// A fresh folder under the system temp folder, deleted (read-only files included) on dispose. A test that only needs
/// a path it deletes itself uses <see cref="NewFolder"/> and <see cref="DeleteTree"/>.
/// </summary>
public sealed class TempDirectory : IDisposable, IAsyncDisposable
{
    public TempDirectory(string prefix = "ctb")
    {
        Path = NewFolder(prefix);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh, empty folder under <c>{temp}/chattriagebot-tests/</c> and returns its path.</summary>
    public static string NewFolder(string prefix = "ctb")
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chattriagebot-tests", $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A path inside the folder (not created).</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// Deletes a folder tree after clearing read-only attributes (git object files are read-only). A process that is
    /// still writing into it (SQLite's log, a git child) can add a file between listing and deleting, so a failed
    /// attempt is repeated a few times; returns false when the folder is still there, which only leaves a temp
    /// folder behind.
    /// </summary>
    public static bool DeleteTree(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (!Directory.Exists(path))
                {
                    return true;
                }

                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(path, recursive: true);
                return true;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                if (attempt == 5)
                {
                    return false;
                }

                Thread.Sleep(50 * attempt);
            }
        }
    }

    /// <summary>Deletes the folder, and the test's PostgreSQL database named after it when the suite runs on one (<see cref="TestDatabase"/>).</summary>
    public void Dispose()
    {
        TestDatabase.Drop(this);
        DeleteTree(Path);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Path;
}
