namespace ChatTriageBot.Storage;

public enum TriageStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,

    /// <summary>Several repositories could be meant: the thread was asked to choose one.</summary>
    AwaitingRepository = 4,
}
