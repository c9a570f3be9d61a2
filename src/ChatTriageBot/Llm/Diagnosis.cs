namespace ChatTriageBot.Llm;

/// <summary>The model's structured answer to a support request (see <see cref="DiagnosisSchema"/>).</summary>
internal sealed record Diagnosis
{
    public required string Summary { get; init; }

    /// <summary>One of <see cref="DiagnosisKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    public required string Component { get; init; }

    public required string RootCause { get; init; }

    public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>0 to 1: how sure the model is of the root cause.</summary>
    public required double Confidence { get; init; }

    /// <summary>0 to 1: how likely a small, safe patch fixes it.</summary>
    public required double Fixability { get; init; }

    public required IReadOnlyList<string> NextSteps { get; init; }

    public required IReadOnlyList<string> QuestionsForReporter { get; init; }

    /// <summary>A reply the engineer may send to the customer: no internal paths or code.</summary>
    public required string CustomerReply { get; init; }
}
