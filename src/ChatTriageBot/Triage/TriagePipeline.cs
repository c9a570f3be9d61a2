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
public sealed class TriagePipeline(
    CodeReferenceExtractor extractor,
    CodeRanker ranker,
    DiagnosisService diagnosis,
    GitHubSource gitHub,
    IOptions<LlmOptions> llm,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> codeContext,
    TimeProvider timeProvider,
    ILogger<TriagePipeline> logger)
{
    public const string OfflineNote = "No model is configured (OpenAI__ApiKey is not set), so this report shows the retrieval only: the pinned commit and the code the bot would send.";

    public async Task<TriageReport> RunAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = timeProvider.GetTimestamp();
        using var snapshot = await RepositorySnapshot.OpenAsync(request.Repository, request.Commit, data.Value.FullPath, codeContext.Value, cancellationToken);
        TriageLog.Pinned(logger, snapshot.CommitSha);

        // Personal data and secrets are replaced before anything is ranked, stored or sent to the model.
        var redactor = new Redactor();
        var redactedText = redactor.Redact(request.Text);
        var redactedInstruction = redactor.Redact(request.Instruction);
        request = request with { Text = redactedText.Text, Instruction = redactedInstruction.Text };
        var references = extractor.Extract(request.Text + "\n" + request.Instruction);

        // Issues and pull requests the text links to are read and treated like the rest of the customer's text
        // (data, not instructions); a pull request's changed files become path hints for the ranking.
        var github = await gitHub.ReadAsync(references.GitHubLinks, cancellationToken);
        var customerText = github.Items.Count == 0
            ? request.Text
            : request.Text + "\n\n" + redactor.Redact(string.Join("\n", github.Items.Select(i => i.Describe()))).Text;
        if (github.Items.Count > 0)
        {
            references = extractor.Extract(customerText + "\n" + request.Instruction);
        }

        var ranked = ranker.Rank(snapshot, customerText + "\n" + request.Instruction, references, request.Top, cancellationToken);
        var counter = new TokenCounter(llm.Value.Model);
        var context = ContextPacker.Pack(snapshot, ranked, references.PathHints(), counter.Count, llm.Value.ContextTokens);
        var report = new TriageReport
        {
            Repository = snapshot.Source,
            RepositoryName = request.RepositoryName ?? GitHubRepositoryName.Guess(request.Repository, snapshot),
            Commit = snapshot.CommitSha,
            References = Summarize(references),
            Files = [.. ranked.Select(LocatedFile.From)],
            Context = context,
            Notes = [.. snapshot.Warnings, .. github.Problems],
            Redaction = redactor.Receipt,
        };

        if (!diagnosis.IsAvailable)
        {
            return report with { Note = OfflineNote, ElapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds };
        }

        var sections = context.Sections.Select(s => new PromptSection(s.Path, s.StartLine, s.EndLine, s.Text)).ToList();
        var run = await diagnosis.DiagnoseAsync(request.Instruction, customerText, sections, request.EarlierDiagnosis, cancellationToken);
        var (kept, dropped) = CitationVerifier.Verify(snapshot, run.Diagnosis.Evidence);
        if (dropped.Count > 0)
        {
            TriageLog.DroppedCitations(logger, dropped.Count);
        }

        return report with
        {
            Diagnosis = run.Diagnosis with { Evidence = kept },
            DroppedEvidence = dropped,
            Usage = run.Usage,
            ElapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds,
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
