namespace ChatTriageBot.Costs;

/// <summary>What a model call was for, as the ledger records it.</summary>
internal static class UsageOperations
{
    public const string Diagnosis = "diagnosis";

    /// <summary>A later mention in a thread already diagnosed: the diagnosis continued.</summary>
    public const string FollowUp = "follow-up";

    public const string Fix = "fix";

    /// <summary>A fix written again on an engineer's instruction.</summary>
    public const string Revision = "revision";

    /// <summary>A call made outside any of the above (none today; recorded rather than lost).</summary>
    public const string Other = "other";
}
