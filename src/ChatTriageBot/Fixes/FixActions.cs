namespace ChatTriageBot.Fixes;

/// <summary>The Block Kit <c>action_id</c>s the fixes feature owns.</summary>
internal static class FixActions
{
    /// <summary><b>Generate fix</b> under a diagnosis; value: the triage id. Matches <c>TriageJobHandler.GenerateFixAction</c>.</summary>
    public const string GenerateFix = Triage.TriageJobHandler.GenerateFixAction;

    /// <summary>Who may click it: <c>Access__GenerateFix__N</c>; empty means nobody.</summary>
    public const string GenerateFixPermission = Triage.TriageJobHandler.GenerateFixPermission;
}
