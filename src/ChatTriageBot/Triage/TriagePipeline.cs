using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

/// <summary>
/// The whole triage of one request: pin a commit, extract references, rank the repository's files, pack the best code
/// into the token budget, and (when a model is configured) ask for a structured diagnosis whose citations are checked
/// against the pinned commit.
/// </summary>
internal sealed class TriagePipeline(
    CodeRanker ranker,
    DiagnosisService diagnosis,
    GitHubSource gitHub,
    IOptions<LlmOptions> llm,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> codeContext,
    IOptions<RedactionOptions> redaction,
    PriceTable prices,
    TimeProvider timeProvider,
    ILogger<TriagePipeline> logger)
{
    public const string OfflineNote = "No model is configured (OpenAI__ApiKey is not set), so this report shows the retrieval only: the pinned commit and the code the bot would send.";

    /// <summary>Whether a model is configured (otherwise triages are retrieval reports).</summary>
    public bool IsModelAvailable => diagnosis.IsAvailable;

    /// <summary>The diagnosis model's name.</summary>
    public string ModelName => diagnosis.Model;

    /// <summary>The whole triage in one go (the command line): retrieval, then the diagnosis when a model is configured.</summary>
    public async Task<TriageReport> RunAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        using var prepared = await PrepareAsync(request, cancellationToken);
        return diagnosis.IsAvailable ? await DiagnoseAsync(prepared, cancellationToken) : prepared.OfflineReport();
    }

    /// <summary>
    /// Everything before the model call: pin a commit, redact, read linked GitHub items, rank and pack. The result
    /// holds the pinned snapshot (dispose it) and the counted size of the model request, so a caller can estimate the
    /// cost and decide whether to spend it.
    /// </summary>
    public async Task<PreparedTriage> PrepareAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        var snapshot = await RepositorySnapshot.OpenAsync(request.Repository, request.Commit, data.Value.FullPath, codeContext.Value, cancellationToken);
        try
        {
            TriageLog.Pinned(logger, snapshot.CommitSha);

            // Personal data and secrets are replaced before anything is ranked, stored or sent to the model: the thread,
            // the linked GitHub items, the notes about them, the code chosen for the model, and later the model's answer.
            var redactor = new Redactor(redaction.Value);
            var redactedText = redactor.Redact(request.Text);
            var redactedInstruction = redactor.Redact(request.Instruction);
            request = request with { Text = redactedText.Text, Instruction = redactedInstruction.Text };
            var references = CodeReferenceExtractor.Extract(request.Text + "\n" + request.Instruction);

            // Issues and pull requests the text links to are read and treated like the rest of the customer's text
            // (data, not instructions); a pull request's changed files become path hints for the ranking.
            var github = await gitHub.ReadAsync(references.GitHubLinks, cancellationToken);
            var customerText = github.Items.Count == 0
                ? request.Text
                : request.Text + "\n\n" + redactor.Redact(string.Join("\n", github.Items.Select(i => i.Describe()))).Text;
            if (github.Items.Count > 0)
            {
                references = CodeReferenceExtractor.Extract(customerText + "\n" + request.Instruction);
            }

            var ranked = await ranker.RankAsync(snapshot, customerText + "\n" + request.Instruction, references, request.Top, cancellationToken);
            var counter = new TokenCounter(llm.Value.Model);
            var context = redactor.RedactCode(ContextPacker.Pack(snapshot, ranked, references.PathHints(), counter.Count, llm.Value.ContextTokens), counter.Count);
            var report = new TriageReport
            {
                Repository = snapshot.Source,
                RepositoryName = request.RepositoryName ?? GitHubRepositoryName.Guess(request.Repository, snapshot),
                Commit = snapshot.CommitSha,
                References = Summarize(references),
                Files = [.. ranked.Select(LocatedFile.From)],
                Context = context,
                Notes = [.. request.Notes.Concat(snapshot.Warnings).Concat(github.Problems).Select(redactor.Text)],
                Redaction = redactor.Receipt,
            };

            var sections = context.Sections.Select(s => new PromptSection(s.Path, s.StartLine, s.EndLine, s.Text)).ToList();
            var inputTokens = diagnosis.IsAvailable ? diagnosis.CountInputTokens(request.Instruction, customerText, sections, request.EarlierDiagnosis) : 0;
            return new PreparedTriage(snapshot, report, request.Instruction, customerText, sections, request.EarlierDiagnosis, inputTokens, started, timeProvider)
            {
                Redactor = redactor,
            };
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    /// <summary>The model call for a prepared triage, with every citation checked against the pinned commit.</summary>
    public async Task<TriageReport> DiagnoseAsync(PreparedTriage prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        var run = await diagnosis.DiagnoseAsync(prepared.Instruction, prepared.CustomerText, prepared.Sections, prepared.EarlierDiagnosis, cancellationToken);
        var answer = prepared.Redactor.RedactAnswer(run.Diagnosis);
        var (kept, dropped) = CitationVerifier.Verify(prepared.Snapshot, answer.Evidence);
        if (dropped.Count > 0)
        {
            TriageLog.DroppedCitations(logger, dropped.Count);
        }

        return prepared.Report with
        {
            Diagnosis = answer with { Evidence = kept },
            DroppedEvidence = dropped,
            Usage = run.Usage,
            Cost = prices.Cost(run.Usage),
            ElapsedMs = prepared.ElapsedMs,
            Redaction = prepared.Redactor.Receipt,
        };
    }

    private static ReferenceSummary Summarize(CodeReferences references) => new(
        [.. references.PathHints().Select(h => h.Lines is { } lines ? $"{h.Path}:{lines.Start}{(lines.End > lines.Start ? $"-{lines.End}" : string.Empty)}" : h.Path).Take(20)],
        references.StackFrames.Count,
        [.. references.ErrorTypes.Select(e => e.Name).Take(10)],
        [.. references.Messages.Select(m => m.Text).Take(10)],
        [.. references.Identifiers.Select(i => i.Name).Take(20)],
        [.. references.GitHubLinks.Select(l => l.Url).Take(10)]);
}
