namespace ChatTriageBot.Slack.BlockKit;

/// <summary>
/// One place where content did not fit: <see cref="Path"/> (e.g. <c>blocks[2].text</c> or <c>blocks</c>) had
/// <see cref="Original"/> chars (or items, see <see cref="Kind"/>) against a <see cref="Limit"/>. The message shows
/// the cut visibly; the caller should attach the full content as an uploaded file.
/// </summary>
internal sealed record BlockKitTruncation(string Path, TruncationKind Kind, int Original, int Limit);
