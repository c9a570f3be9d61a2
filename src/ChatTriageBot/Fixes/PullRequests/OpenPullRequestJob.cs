namespace ChatTriageBot.Fixes;

/// <summary>
/// The payload of an <see cref="OpenPullRequestJobHandler.Kind"/> job: open a draft pull request from this fix, as this
/// person asked, and where to tell only them if it cannot be done (the click's response URL, else an ephemeral message).
/// </summary>
internal sealed record OpenPullRequestJob(long FixId, string UserId)
{
    public string? ResponseUrl { get; init; }

    public string? ChannelId { get; init; }

    public string? ThreadTs { get; init; }

    /// <summary>The fix's <c>PullRequestAttempt</c> when the click was queued (its job's key); a refusal moves past it once.</summary>
    public int? Attempt { get; init; }
}
