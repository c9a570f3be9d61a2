using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;

namespace ChatTriageBot.Triage;

/// <summary>
/// A triage up to the model call: the pinned snapshot (kept open to check citations), the report so far, what the
/// model would be sent, and that request's size in tokens.
/// </summary>
internal sealed class PreparedTriage(
    RepositorySnapshot snapshot,
    TriageReport report,
    string instruction,
    string customerText,
    IReadOnlyList<PromptSection> sections,
    string? earlierDiagnosis,
    int inputTokens,
    long started,
    TimeProvider timeProvider) : IDisposable
{
    public RepositorySnapshot Snapshot => snapshot;

    /// <summary>Retrieval only: no diagnosis yet.</summary>
    public TriageReport Report => report;

    /// <summary>The engineer's words, redacted.</summary>
    public string Instruction => instruction;

    /// <summary>The customer's text (and linked GitHub items), redacted.</summary>
    public string CustomerText => customerText;

    public IReadOnlyList<PromptSection> Sections => sections;

    public string? EarlierDiagnosis => earlierDiagnosis;

    /// <summary>The redactor of this triage: the model's answer is redacted with the same placeholders.</summary>
    public Redactor Redactor { get; init; } = new();

    /// <summary>The model request's input tokens, counted with the model's tokenizer (0 without a model).</summary>
    public int InputTokens => inputTokens;

    public double ElapsedMs => timeProvider.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>The report without a model: what would have been sent, and why nothing was.</summary>
    public TriageReport OfflineReport(string? note = null) =>
        report with { Note = note ?? TriagePipeline.OfflineNote, ElapsedMs = ElapsedMs };

    public void Dispose() => snapshot.Dispose();
}
