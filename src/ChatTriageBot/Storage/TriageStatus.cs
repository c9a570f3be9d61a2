namespace ChatTriageBot.Storage;

public enum TriageStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}
