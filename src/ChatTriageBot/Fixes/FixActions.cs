namespace ChatTriageBot.Fixes;

/// <summary>The Block Kit <c>action_id</c>s and modal <c>callback_id</c>s the fixes feature owns, and who may click them.</summary>
internal static class FixActions
{
    /// <summary><b>Generate fix</b> under a diagnosis (<see cref="GenerateFixButton"/>); value: the triage id.</summary>
    public const string GenerateFix = "fix_generate";

    /// <summary>Who may generate, revise, regenerate and discard fixes: <c>Access__GenerateFix__N</c>; empty means nobody.</summary>
    public const string GenerateFixPermission = "GenerateFix";

    /// <summary><b>Open PR</b> on a fix whose checks passed; value: the fix id.</summary>
    public const string OpenPullRequest = "fix_open_pr";

    /// <summary>Who may open pull requests: <c>Access__OpenPullRequest__N</c>; empty means nobody.</summary>
    public const string OpenPullRequestPermission = "OpenPullRequest";

    /// <summary><b>Revise</b>: opens <see cref="ReviseModal"/>; value: the fix id.</summary>
    public const string Revise = "fix_revise";

    /// <summary>The modal asking how to change the fix; its <c>private_metadata</c> is the fix id.</summary>
    public const string ReviseModal = "fix_revise_modal";

    /// <summary>The modal's text box.</summary>
    public const string ReviseInputBlock = "instruction";

    public const string ReviseInputAction = "text";

    /// <summary><b>Discard</b>; value: the fix id.</summary>
    public const string Discard = "fix_discard";

    /// <summary><b>Regenerate</b> a stale fix on the default branch's head; value: the fix id.</summary>
    public const string Regenerate = "fix_regenerate";
}
