using System.Text.Json.Serialization;

namespace ChatTriageBot.Fixes;

/// <summary>The payload of a <see cref="FixJobHandler.Kind"/> job: write (or revise, or regenerate) the fix of this triage, asked by this person.</summary>
internal sealed record FixJob(long TriageId, string UserId)
{
    public FixJobMode Mode { get; init; }

    /// <summary>For <see cref="FixJobMode.Revise"/>: the engineer's words about what to change (trusted, redacted before it is sent).</summary>
    public string? Instruction { get; init; }
}

/// <summary>What a fix job does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FixJobMode>))]
internal enum FixJobMode
{
    /// <summary>The first patch for the diagnosis (<b>Generate fix</b>).</summary>
    Generate = 0,

    /// <summary>A new patch replacing the current one, as an engineer asked (<b>Revise</b>, or a follow-up mention).</summary>
    Revise = 1,

    /// <summary>A new patch on the default branch's head, after the current one stopped applying there (<b>Regenerate</b>).</summary>
    Regenerate = 2,
}
