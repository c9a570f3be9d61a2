namespace ChatTriageBot.Storage;

internal enum TriageStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,

    /// <summary>Several repositories could be meant: the thread was asked to choose one.</summary>
    AwaitingRepository = 4,

    /// <summary>The model call would pass the warning share of a spending cap: someone must approve it first.</summary>
    AwaitingApproval = 5,

    /// <summary>A very similar request was triaged recently: the thread was offered its diagnosis before spending.</summary>
    AwaitingDecision = 6,

    /// <summary>The model call would exceed a spending cap, so it was not made.</summary>
    OverBudget = 7,
}
