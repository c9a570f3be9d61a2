namespace ChatTriageBot.Triage;

/// <summary>The Block Kit <c>action_id</c>s the triage feature owns. Every button's value starts with the triage id.</summary>
internal static class TriageActions
{
    /// <summary>One button per candidate repository when a request's repository is ambiguous; value <c>{triageId}:{owner/name}</c>.</summary>
    public const string ChooseRepository = "triage_choose_repository";

    /// <summary>Feedback on a diagnosis, stored per person (a second click replaces the first).</summary>
    public const string Helpful = "triage_helpful";

    public const string NotHelpful = "triage_not_helpful";

    /// <summary>The retrieval manifest, shown only to the person who clicked.</summary>
    public const string WhatWasSent = "triage_what_was_sent";

    /// <summary>The customer-safe reply draft, shown only to the person who clicked.</summary>
    public const string CustomerReply = "triage_customer_reply";

    /// <summary>Run a triage again after the model failed for good.</summary>
    public const string Retry = "triage_retry";

    /// <summary>Approve a model call that passes the warning share of a spending cap.</summary>
    public const string ApproveSpend = "triage_approve_spend";

    /// <summary>Use the diagnosis of a very similar earlier request instead of spending on a new one.</summary>
    public const string ReuseEarlier = "triage_reuse_earlier";

    /// <summary>Diagnose anyway, although a very similar request was triaged recently.</summary>
    public const string DiagnoseAnyway = "triage_diagnose_anyway";

    /// <summary>The buttons that are answered only to the clicker, through a job (see <see cref="TriageButtonJobHandler"/>).</summary>
    public static readonly IReadOnlyList<string> Private = [Helpful, NotHelpful, WhatWasSent, CustomerReply];

    /// <summary>The buttons that queue the triage again, each with its own mode.</summary>
    public static readonly IReadOnlyList<string> Resuming = [Retry, ApproveSpend, ReuseEarlier, DiagnoseAnyway];
}
