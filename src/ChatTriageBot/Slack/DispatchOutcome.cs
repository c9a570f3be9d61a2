namespace ChatTriageBot.Slack;

/// <summary>What became of an inbound event; every outcome but a handler failure is acknowledged with 200.</summary>
internal enum DispatchOutcome
{
    Handled = 0,
    Duplicate,
    Ignored,
    Failed,
}
