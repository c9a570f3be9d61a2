namespace ChatTriageBot.Tests.Infrastructure;

/// <summary>A file going through Slack's external upload flow on <see cref="FakeSlackServer"/>.</summary>
/// <param name="FileId">The id <c>files.getUploadURLExternal</c> handed out.</param>
/// <param name="Filename">The <c>filename</c> argument.</param>
/// <param name="Length">The announced <c>length</c> argument.</param>
public sealed record SlackUpload(string FileId, string Filename, long Length)
{
    /// <summary>The bytes POSTed to the upload URL (null until then).</summary>
    public ReadOnlyMemory<byte>? Bytes { get; init; }

    /// <summary>True once <c>files.completeUploadExternal</c> named this file.</summary>
    public bool Completed { get; init; }

    public string? Title { get; init; }

    /// <summary>The <c>channel_id</c> (or <c>channels</c>) of the completing call.</summary>
    public string? ChannelId { get; init; }

    public string? ThreadTs { get; init; }

    public string? InitialComment { get; init; }

    /// <summary>True once <c>files.delete</c> removed it.</summary>
    public bool Deleted { get; init; }
}
