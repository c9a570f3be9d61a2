using System.Collections.Concurrent;
using LibGit2Sharp;

namespace ChatTriageBot.CodeContext;

/// <summary>What a repository's mirror holds now, read from disk without fetching (for <c>/triage status</c>).</summary>
internal sealed partial class RepositorySnapshot
{
    /// <summary>The last failed fetch or clone of each mirror in this process, until one succeeds.</summary>
    private static readonly ConcurrentDictionary<string, string> FetchErrors = new(StringComparer.Ordinal);

    /// <summary>
    /// The commit at the mirror's (or local repository's) HEAD, when it was last fetched (git rewrites
    /// <c>FETCH_HEAD</c> on every fetch; a fresh clone's time otherwise), and the last fetch error. Reads the local disk only.
    /// </summary>
    public static MirrorStatus Status(string pathOrUrl, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var isMirror = IsUrl(pathOrUrl);
        var path = isMirror ? Path.Combine(Path.GetFullPath(dataDirectory), "mirrors", MirrorName(pathOrUrl)) : Path.GetFullPath(pathOrUrl);
        var error = isMirror && FetchErrors.TryGetValue(path, out var failed) ? failed : null;
        var gitDirectory = Repository.IsValid(path) ? path : Directory.Exists(path) ? Repository.Discover(path) : null;
        if (gitDirectory is null)
        {
            return new MirrorStatus(isMirror, null, null, error ?? (isMirror ? "not cloned yet" : "not a git repository"));
        }

        try
        {
            using var repository = new Repository(gitDirectory);
            var fetchHead = Path.Combine(repository.Info.Path, "FETCH_HEAD");
            DateTimeOffset? fetched = !isMirror ? null
                : File.Exists(fetchHead) ? new DateTimeOffset(File.GetLastWriteTimeUtc(fetchHead), TimeSpan.Zero)
                : new DateTimeOffset(Directory.GetLastWriteTimeUtc(repository.Info.Path), TimeSpan.Zero);
            return new MirrorStatus(isMirror, repository.Head.Tip?.Sha, fetched, error);
        }
        catch (LibGit2SharpException exception)
        {
            return new MirrorStatus(isMirror, null, null, error ?? exception.Message);
        }
    }
}
