namespace ChatTriageBot.CodeContext;

/// <summary>A text file of the pinned commit, decoded as UTF-8.</summary>
internal sealed record RepositoryTextFile(string Path, string BlobId, string Text);
