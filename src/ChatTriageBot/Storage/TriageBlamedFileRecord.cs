namespace ChatTriageBot.Storage;

/// <summary>A file a finished diagnosis cited as evidence (at the triage's commit), for the digest's "most often blamed".</summary>
internal sealed class TriageBlamedFileRecord
{
    public long TriageId { get; set; }

    public required string Path { get; set; }
}
