namespace ChatTriageBot.CodeContext;

/// <summary>A file of the pinned commit's tree: its path (forward slashes), blob id and size in bytes.</summary>
internal sealed record RepositoryFile(string Path, string BlobId, long Size);
