using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// One commit of one repository, read through LibGit2Sharp objects only (no checkout). Opened from a working tree,
/// a bare repository, or a clone URL (<c>https://</c>, <c>ssh://</c>, <c>file://</c>, <c>git@host:path</c>), which is
/// mirrored as a bare repository under <c>{dataDirectory}/mirrors/</c> with <c>git clone --mirror</c> and fetched on
/// later opens. Thread-safe; dispose to release the repository handle.
/// </summary>
internal sealed partial class RepositorySnapshot : IDisposable
{
    private const int BinaryProbeBytes = 8000;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Repository _repository;

    /// <summary>
    /// libgit2 re-hashes every object it reads with collision-detecting SHA-1 by default; the mirrors are written by
    /// git, which verified every object as it fetched them, and git itself does not re-hash on read either. Turning it
    /// off makes reading a file's text (what a query does for quoted messages and line ranges) about a third faster.
    /// The pack files are read through small windows (<see cref="GitPackMapping"/>), so a cold index does not keep a
    /// whole pack resident.
    /// </summary>
    static RepositorySnapshot()
    {
        GlobalSettings.SetStrictHashVerification(false);
        GitPackMapping.EnsureApplied();
    }

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> MirrorGates = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> LastFetched = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly long _maxFileBytes;
    private readonly Dictionary<string, RepositoryFile> _filesByPath;
    private readonly HashSet<string> _symbolicLinks;
    private readonly HashSet<string> _executables;
    private readonly List<SkippedFile> _missing;
    private readonly Lazy<(IReadOnlyList<RepositoryTextFile> Texts, IReadOnlyList<SkippedFile> Skipped)> _content;
    private bool _disposed;

    private RepositorySnapshot(Repository repository, Commit commit, string source, long maxFileBytes, IReadOnlyList<string> warnings)
    {
        _repository = repository;
        _maxFileBytes = maxFileBytes;
        Source = source;
        RepositoryPath = repository.Info.Path;
        CommitSha = commit.Sha;
        Warnings = warnings;
        OriginUrl = IsUrl(source) ? source : repository.Network.Remotes["origin"]?.Url;
        (var files, _symbolicLinks, _executables, _missing) = ListFiles(repository, commit.Tree);
        Files = files;
        _filesByPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        _content = new Lazy<(IReadOnlyList<RepositoryTextFile>, IReadOnlyList<SkippedFile>)>(LoadContent);
    }

    /// <summary>What the snapshot was opened from (a clone URL with any password removed, or a full local path).</summary>
    public string Source { get; }

    /// <summary>The local git directory read (the mirror for URLs).</summary>
    public string RepositoryPath { get; }

    /// <summary>The full sha of the pinned commit.</summary>
    public string CommitSha { get; }

    /// <summary>Where the repository comes from: the clone URL, or a local repository's <c>origin</c> remote (null if none).</summary>
    public string? OriginUrl { get; }

    /// <summary>Every file (blob) of the commit's tree, ordered by path; submodules are not included.</summary>
    public IReadOnlyList<RepositoryFile> Files { get; }

    /// <summary>Problems that did not stop the snapshot, e.g. a fetch that failed so the mirror may be stale.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Every text file (not binary, within the size cap), decoded; read on first use and kept.</summary>
    public IReadOnlyList<RepositoryTextFile> TextFiles => _content.Value.Texts;

    /// <summary>Files not read as text: too large, binary, symbolic links, or objects missing from a damaged clone.</summary>
    public IReadOnlyList<SkippedFile> Skipped => _content.Value.Skipped;

    /// <summary>
    /// Opens <paramref name="pathOrUrl"/> pinned at <paramref name="commit"/> (a full or abbreviated sha, a branch or
    /// tag; HEAD when null). Throws <see cref="RepositoryException"/> with a clear message when the path is not a
    /// repository, the repository is empty, the clone fails or the commit does not exist.
    /// </summary>
    public static async Task<RepositorySnapshot> OpenAsync(
        string pathOrUrl,
        string? commit,
        string dataDirectory,
        CodeContextOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        options ??= new CodeContextOptions();
        var warnings = new List<string>();
        string gitDirectory;
        string source;
        if (IsUrl(pathOrUrl))
        {
            source = Redact(pathOrUrl);
            gitDirectory = await EnsureMirrorAsync(pathOrUrl, dataDirectory, options, warnings, cancellationToken);
        }
        else
        {
            source = Path.GetFullPath(pathOrUrl);
            gitDirectory = source;
            if (!Directory.Exists(source))
            {
                throw new RepositoryException($"The repository path '{source}' does not exist.");
            }

            if (!Repository.IsValid(source) && Repository.Discover(source) is { } discovered)
            {
                // A folder inside a working tree: use the repository that contains it.
                gitDirectory = discovered;
            }
            else if (!Repository.IsValid(source))
            {
                throw new RepositoryException($"'{source}' is not a git repository (neither a working tree nor a bare repository).");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var repository = new Repository(gitDirectory);
        try
        {
            var pinned = ResolveCommit(repository, commit, source);
            return new RepositorySnapshot(repository, pinned, source, options.MaxFileBytes, warnings);
        }
        catch (LibGit2SharpException exception)
        {
            repository.Dispose();
            throw new RepositoryException($"The repository '{source}' could not be read: {exception.Message}", exception);
        }
        catch
        {
            repository.Dispose();
            throw;
        }
    }

    /// <summary>True for clone URLs (<c>scheme://...</c> or scp-like <c>user@host:path</c>); false for local paths.</summary>
    public static bool IsUrl(string pathOrUrl) =>
        pathOrUrl.Contains("://", StringComparison.Ordinal) || ScpLikeUrlRegex().IsMatch(pathOrUrl);

    /// <summary>The folder name of a URL's mirror: readable host and path plus a short hash of the whole URL.</summary>
    public static string MirrorName(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var readable = Redact(url);
        var scheme = readable.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            readable = readable[(scheme + 3)..];
        }

        readable = readable.Replace("***@", string.Empty, StringComparison.Ordinal).TrimEnd('/');
        if (readable.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            readable = readable[..^4];
        }

        readable = UnsafeNameCharacters().Replace(readable, "_").Trim('_', '.');
        if (readable.Length > 80)
        {
            readable = readable[^80..];
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.Trim())))[..10];
        return $"{readable}-{hash}";
    }

    /// <summary>Files larger than this are not read (<c>CodeContext__MaxFileBytes</c>).</summary>
    public long MaxFileBytes => _maxFileBytes;

    /// <summary>True when the tree's entry at <paramref name="path"/> is a symbolic link (never read as text).</summary>
    public bool IsSymbolicLink(string path) => _symbolicLinks.Contains(path);

    /// <summary>True when the tree's entry at <paramref name="path"/> is an executable file (mode 100755).</summary>
    public bool IsExecutable(string path) => _executables.Contains(path);

    /// <summary>True when the commit's tree has a file at <paramref name="path"/>.</summary>
    public bool Contains(string path) => _filesByPath.ContainsKey(path);

    /// <summary>The file's text, or null when the path is not in the tree or the file is binary, a link or too large.</summary>
    public string? ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!_filesByPath.TryGetValue(path, out var file) || file.Size > _maxFileBytes)
        {
            return null;
        }

        if (_symbolicLinks.Contains(path))
        {
            return null;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _repository.Lookup<Blob>(file.BlobId) is { } blob ? Decode(blob) : null;
        }
    }

    /// <summary>
    /// The file's lines (without line ends; a final newline ends the last line, it does not start another), or null
    /// when <see cref="ReadText"/> would return null.
    /// </summary>
    public IReadOnlyList<string>? ReadLines(string path)
    {
        if (ReadText(path) is not { } text)
        {
            return null;
        }

        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>
    /// The repository path a path from a report means: itself when it is in the tree, else the file whose path is the
    /// longest unique suffix of it (stack traces carry absolute build paths such as <c>/home/ci/app/src/Cart.cs</c>).
    /// Null when nothing, or nothing unique, matches.
    /// </summary>
    public string? Resolve(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var clean = path.Trim().Replace('\\', '/');
        while (clean.StartsWith("./", StringComparison.Ordinal))
        {
            clean = clean[2..];
        }

        clean = clean.TrimStart('/');
        if (clean.Length == 0)
        {
            return null;
        }

        if (_filesByPath.ContainsKey(clean))
        {
            return clean;
        }

        var segments = clean.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var skip = 0; skip < segments.Length; skip++)
        {
            var suffix = "/" + string.Join('/', segments.Skip(skip));
            var matches = Files.Where(f => ("/" + f.Path).EndsWith(suffix, StringComparison.Ordinal)).Take(2).ToList();
            if (matches.Count > 0)
            {
                // Two files share the most specific suffix that matches at all: the path is ambiguous.
                return matches.Count == 1 ? matches[0].Path : null;
            }
        }

        return null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _repository.Dispose();
            }
        }
    }

    private (IReadOnlyList<RepositoryTextFile>, IReadOnlyList<SkippedFile>) LoadContent()
    {
        var texts = new List<RepositoryTextFile>(Files.Count);
        var skipped = new List<SkippedFile>(_missing);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var file in Files)
            {
                if (_symbolicLinks.Contains(file.Path))
                {
                    skipped.Add(new SkippedFile(file.Path, file.Size, SkipReason.SymbolicLink));
                }
                else if (file.Size > _maxFileBytes)
                {
                    skipped.Add(new SkippedFile(file.Path, file.Size, SkipReason.TooLarge));
                }
                else if (_repository.Lookup<Blob>(file.BlobId) is not { } blob)
                {
                    skipped.Add(new SkippedFile(file.Path, file.Size, SkipReason.Missing));
                }
                else if (Decode(blob) is { } text)
                {
                    texts.Add(new RepositoryTextFile(file.Path, file.BlobId, text));
                }
                else
                {
                    skipped.Add(new SkippedFile(file.Path, file.Size, SkipReason.Binary));
                }
            }
        }

        return (texts, skipped);
    }

    /// <summary>The blob as UTF-8 text, or null when it has a NUL byte in its first 8000 bytes.</summary>
    private static string? Decode(Blob blob)
    {
        using var stream = blob.GetContentStream();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.GetBuffer().AsSpan(0, (int)memory.Length);
        if (bytes[..Math.Min(bytes.Length, BinaryProbeBytes)].Contains((byte)0))
        {
            return null;
        }

        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(byteOrderMark))
        {
            bytes = bytes[byteOrderMark.Length..];
        }

        return Utf8.GetString(bytes);
    }

    private static (List<RepositoryFile> Files, HashSet<string> SymbolicLinks, HashSet<string> Executables, List<SkippedFile> Missing) ListFiles(Repository repository, Tree root)
    {
        var files = new List<RepositoryFile>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        var executables = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<SkippedFile>();
        var pending = new Stack<(Tree Tree, string Path)>();
        pending.Push((root, string.Empty));
        while (pending.Count > 0)
        {
            var (tree, treePath) = pending.Pop();
            List<TreeEntry> entries;
            try
            {
                entries = [.. tree];
            }
            catch (NotFoundException)
            {
                missing.Add(new SkippedFile(treePath, 0, SkipReason.Missing));
                continue;
            }

            foreach (var entry in entries)
            {
                try
                {
                    switch (entry.TargetType)
                    {
                        case TreeEntryTargetType.Tree:
                            pending.Push(((Tree)entry.Target, entry.Path));
                            break;
                        case TreeEntryTargetType.Blob:
                            var size = repository.ObjectDatabase.RetrieveObjectMetadata(entry.Target.Id).Size;
                            files.Add(new RepositoryFile(entry.Path.Replace('\\', '/'), entry.Target.Sha, size));
                            if (entry.Mode == Mode.SymbolicLink)
                            {
                                links.Add(files[^1].Path);
                            }
                            else if (entry.Mode == Mode.ExecutableFile)
                            {
                                executables.Add(files[^1].Path);
                            }

                            break;
                        default:
                            // Submodules (GitLink) point into another repository.
                            break;
                    }
                }
                catch (NotFoundException)
                {
                    missing.Add(new SkippedFile(entry.Path.Replace('\\', '/'), 0, SkipReason.Missing));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return (files, links, executables, missing);
    }

    private static Commit ResolveCommit(Repository repository, string? commit, string source)
    {
        if (string.IsNullOrWhiteSpace(commit))
        {
            if (repository.Info.IsHeadUnborn || repository.Head.Tip is null)
            {
                throw new RepositoryException($"The repository '{source}' is empty: it has no commits.");
            }

            return repository.Head.Tip;
        }

        var spec = commit.Trim();
        GitObject? found;
        try
        {
            found = repository.Lookup(spec);
        }
        catch (AmbiguousSpecificationException exception)
        {
            throw new RepositoryException($"The commit '{spec}' is ambiguous in '{source}'; give more characters of the sha.", exception);
        }
        catch (LibGit2SharpException exception)
        {
            throw new RepositoryException($"The commit '{spec}' does not exist in '{source}'.", exception);
        }

        if (found is null)
        {
            throw new RepositoryException($"The commit '{spec}' does not exist in '{source}'.");
        }

        try
        {
            return found.Peel<Commit>();
        }
        catch (LibGit2SharpException exception)
        {
            throw new RepositoryException($"'{spec}' in '{source}' is not a commit.", exception);
        }
    }

    /// <summary>
    /// Brings the bare mirror of <paramref name="url"/> under <paramref name="dataDirectory"/> up to date (cloning it the
    /// first time) and returns its path. One git process per mirror at a time in this process; another process is kept
    /// out by git's own lock files. A failed fetch keeps the last good mirror and adds a warning.
    /// </summary>
    public static async Task<string> EnsureMirrorAsync(string url, string dataDirectory, CodeContextOptions options, List<string> warnings, CancellationToken cancellationToken, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        var mirrors = Path.Combine(Path.GetFullPath(dataDirectory), "mirrors");
        Directory.CreateDirectory(mirrors);
        var target = Path.Combine(mirrors, MirrorName(url));
        var gate = MirrorGates.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var credentials = Credentials(url, options);
            if (Repository.IsValid(target))
            {
                var fresh = LastFetched.TryGetValue(target, out var at) && Stopwatch.GetElapsedTime(at) < TimeSpan.FromSeconds(options.FetchOnDemandAfterSeconds);
                if (force || !fresh)
                {
                    var fetch = await GitCommand.RunAsync(["-C", target, "fetch", "--prune", "--quiet", "origin"], options.GitTimeout, cancellationToken, credentials);
                    if (fetch.Succeeded)
                    {
                        LastFetched[target] = Stopwatch.GetTimestamp();
                    }
                    else
                    {
                        CodeContextMetrics.FetchFailed("fetch");
                        warnings.Add($"Fetching {Redact(url)} failed ({Redact(fetch.ErrorSummary, options.AccessToken)}); the mirror may be out of date.");
                    }
                }

                return target;
            }

            if (Directory.Exists(target))
            {
                // A broken leftover (e.g. a crash mid-rename); start again.
                Directory.Delete(target, recursive: true);
            }

            var temporary = $"{target}.tmp-{Guid.NewGuid():N}";
            try
            {
                var clone = await GitCommand.RunAsync(["clone", "--mirror", "--quiet", "--", url, temporary], options.GitTimeout, cancellationToken, credentials);
                if (!clone.Succeeded)
                {
                    CodeContextMetrics.FetchFailed("clone");
                    throw new RepositoryException($"Could not clone {Redact(url)}: {Redact(clone.ErrorSummary, options.AccessToken)}");
                }

                try
                {
                    Directory.Move(temporary, target);
                }
                catch (IOException) when (Repository.IsValid(target))
                {
                    // Another process mirrored the same URL at the same time; use its copy.
                }

                LastFetched[target] = Stopwatch.GetTimestamp();
            }
            finally
            {
                if (Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
            }

            return target;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The token as an HTTP header for this one git process, scoped to the token's host, through git's
    /// <c>GIT_CONFIG_*</c> environment variables: not written to the mirror's config, not in the URL, not on the command line.
    /// </summary>
    private static Dictionary<string, string>? Credentials(string url, CodeContextOptions options)
    {
        if (string.IsNullOrEmpty(options.AccessToken) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || !string.Equals(uri.Host, options.AccessTokenHost ?? "github.com", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{options.AccessToken}"));
        return new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1",
            ["GIT_CONFIG_KEY_0"] = $"http.{uri.Scheme}://{uri.Authority}/.extraHeader",
            ["GIT_CONFIG_VALUE_0"] = $"Authorization: Basic {basic}",
        };
    }

    private static string Redact(string text, string? token) =>
        string.IsNullOrEmpty(token) ? Redact(text) : Redact(text).Replace(token, "***", StringComparison.Ordinal);

    /// <summary>Removes passwords and tokens from URLs in a text (<c>https://user:token@host</c> becomes <c>https://***@host</c>).</summary>
    private static string Redact(string text) => UrlCredentialsRegex().Replace(text, "${scheme}***@");

    [GeneratedRegex(@"^[\w.-]+@[\w.-]+:(?!//)", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLikeUrlRegex();

    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentialsRegex();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeNameCharacters();
}
