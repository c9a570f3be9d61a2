namespace ChatTriageBot.Triage;

/// <summary>
/// Another feature's say over a follow-up mention in a thread the bot already answered (for example "change the fix
/// to …", which the fixes feature turns into a revision). Before such a mention becomes a new triage, each registered
/// follow-up is asked whether it takes it; Triage knows nothing of the features behind them.
/// </summary>
internal interface IThreadFollowUp
{
    /// <summary>
    /// Null when the mention is not for this feature (it becomes a triage). Otherwise the feature has queued its own
    /// work under a unique key made from the mention's channel + ts, which every delivery of the mention shares, so it
    /// is the delivery's claim: true when this delivery queued it, false when an earlier delivery did (a duplicate).
    /// Runs inside Slack's request: it may read and write rows, never call Slack, the model or GitHub.
    /// </summary>
    Task<bool?> TryTakeAsync(ThreadMention mention, CancellationToken cancellationToken);
}
