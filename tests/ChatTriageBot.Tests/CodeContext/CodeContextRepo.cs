using System.Text;
using LibGit2Sharp;

namespace ChatTriageBot.Tests.CodeContext;

/// <summary>A real git working tree in a temp folder, made with LibGit2Sharp, for CodeContext tests.</summary>
internal sealed class CodeContextRepo : IDisposable
{
    private static readonly DateTimeOffset BaseTime = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private int _commits;

    private CodeContextRepo(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>The repository as a <c>file://</c> URL.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    public static CodeContextRepo Create()
    {
        var path = NewTempDirectory();
        Repository.Init(path);
        return new CodeContextRepo(path);
    }

    /// <summary>A fresh empty folder under the temp directory.</summary>
    public static string NewTempDirectory()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ctb-codecontext-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public CodeContextRepo Write(string relativePath, string content) => WriteBytes(relativePath, Encoding.UTF8.GetBytes(content));

    public CodeContextRepo WriteBytes(string relativePath, byte[] content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return this;
    }

    /// <summary>Stages everything and commits; returns the new commit's sha.</summary>
    public string Commit(string message = "change")
    {
        using var repository = new Repository(Path);
        Commands.Stage(repository, "*");
        var signature = new Signature("Test", "test@example.invalid", BaseTime.AddMinutes(_commits++));
        return repository.Commit(message, signature, signature, new CommitOptions { AllowEmptyCommit = true }).Sha;
    }

    /// <summary>A bare clone of this repository in a new temp folder.</summary>
    public string CloneBare()
    {
        var target = NewTempDirectory();
        Directory.Delete(target);
        return Repository.Clone(Path, target, new CloneOptions { IsBare = true });
    }

    public void Dispose() => DeleteDirectory(Path);
}
