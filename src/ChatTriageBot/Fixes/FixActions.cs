namespace ChatTriageBot.Fixes;

/// <summary>The Block Kit <c>action_id</c>s the fixes feature owns, and who may click them.</summary>
internal static class FixActions
{
    /// <summary><b>Generate fix</b> under a diagnosis (<see cref="GenerateFixButton"/>); value: the triage id.</summary>
    public const string GenerateFix = "fix_generate";

    /// <summary>Who may click it: <c>Access__GenerateFix__N</c>; empty means nobody.</summary>
    public const string GenerateFixPermission = "GenerateFix";
}
