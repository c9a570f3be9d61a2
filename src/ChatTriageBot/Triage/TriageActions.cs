namespace ChatTriageBot.Triage;

/// <summary>The Block Kit <c>action_id</c>s the triage feature owns.</summary>
public static class TriageActions
{
    /// <summary>One button per candidate repository when a request's repository is ambiguous; value <c>{triageId}:{owner/name}</c>.</summary>
    public const string ChooseRepository = "triage_choose_repository";
}
