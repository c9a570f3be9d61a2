namespace ChatTriageBot.Digest;

internal enum DigestPublicationOutcome
{
    Posted,
    AlreadyPosted,

    /// <summary>Due before the bot was first running here; not posted.</summary>
    Skipped,

    /// <summary>Another process holds the claim to post it now.</summary>
    Busy,
}
