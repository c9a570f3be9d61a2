using System.Text.Json.Serialization;

namespace ChatTriageBot.Triage;

/// <summary>
/// The payload of a <see cref="TriageJobHandler.Kind"/> job: the triage it works on (the row holds the rest), or, for a
/// mention just queued (<see cref="TriageQueue.EnqueueAsync"/>), the mention whose triage the job records first
/// (<see cref="TriageId"/> 0).
/// </summary>
internal sealed record TriageJob(long TriageId)
{
    public TriageJobMode Mode { get; init; }

    public SlackTriageRequest? Request { get; init; }
}

/// <summary>Why a triage job runs: first time, or resumed by a button.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TriageJobMode>))]
internal enum TriageJobMode
{
    /// <summary>The mention itself (or a repository chosen, or a retry): every check applies.</summary>
    Normal = 0,

    /// <summary>Someone approved the spend: the warning share of a cap no longer asks (a hard cap still refuses).</summary>
    SpendApproved = 1,

    /// <summary>Diagnose anyway: no offer of a similar earlier request.</summary>
    Fresh = 2,

    /// <summary>Post the similar earlier request's diagnosis in this thread, without a model call.</summary>
    Reuse = 3,
}
