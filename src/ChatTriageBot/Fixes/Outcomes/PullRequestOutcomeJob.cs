namespace ChatTriageBot.Fixes;

/// <summary>The payload of a <see cref="PullRequestOutcomeJobHandler.Kind"/> job: tell the thread what became of this fix's pull request.</summary>
internal sealed record PullRequestOutcomeJob(long FixId);
