namespace ChatTriageBot.CodeContext;

/// <summary>
/// A repository as a triage would find it now: its HEAD commit, when its mirror was last fetched (null for a local
/// repository, which is read in place), and the last problem fetching it (or reading it).
/// </summary>
internal sealed record MirrorStatus(bool IsMirror, string? Commit, DateTimeOffset? FetchedAt, string? Problem);
