namespace ChatTriageBot.Storage;

internal enum DigestStatus
{
    /// <summary>Due: to be posted.</summary>
    Pending = 0,

    /// <summary>Posted, with its chart.</summary>
    Posted = 1,

    /// <summary>Due before the bot was first running here: not posted (a fresh install does not post last week's).</summary>
    Skipped = 2,
}
