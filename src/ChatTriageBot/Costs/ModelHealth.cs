namespace ChatTriageBot.Costs;

/// <summary>
/// The outcome of the last model call this process made (answered, or failed and why), kept as calls happen so that
/// <c>/triage status</c> can say whether the model is reachable without calling it inside a Slack request.
/// </summary>
internal sealed class ModelHealth
{
    private volatile ModelCallOutcome? _last;

    public ModelCallOutcome? Last => _last;

    public void Answered(string model, DateTimeOffset at) => _last = new ModelCallOutcome(model, at, null);

    public void Failed(string model, DateTimeOffset at, string error) => _last = new ModelCallOutcome(model, at, error);
}
