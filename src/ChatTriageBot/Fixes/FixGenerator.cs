using System.Text;
using System.Text.Json;
using ChatTriageBot.CodeContext;
using ChatTriageBot.Llm;
using ChatTriageBot.Triage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>
/// Writes a fix for a diagnosed triage: the fix model proposes search-and-replace edits on the cited code at the pinned
/// commit; every edit must match exactly one place in a file the model was shown; the edits become a unified diff
/// (made by git) that is checked to apply cleanly to the files at that commit. The model sees the code and the diagnosis
/// redacted like everything else that leaves the process; its edits are applied with the redacted values put back.
/// </summary>
internal sealed class FixGenerator(ChatClients clients, IOptions<RedactionOptions> redaction, TimeProvider timeProvider)
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(60);

    public string Model => clients.Options.EffectiveFixModel;

    public int MaxOutputTokens => clients.Options.MaxOutputTokens;

    /// <summary>The code the fix model is shown: every file the diagnosis cites (whole when it fits, else around the cited lines).</summary>
    public IReadOnlyList<PromptSection> Sections(RepositorySnapshot snapshot, TriageReport report)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(report);
        var cited = (report.Diagnosis?.Evidence ?? []).Select(e => (e.Path, e.StartLine, e.EndLine))
            .Concat(report.Context.Sections.Select(s => (s.Path, s.StartLine, s.EndLine)))
            .GroupBy(c => c.Path, StringComparer.Ordinal)
            .Take(6)
            .ToList();
        var counter = new TokenCounter(Model);
        var perFile = Math.Max(1000, clients.Options.ContextTokens / Math.Max(1, cited.Count));
        var sections = new List<PromptSection>();
        foreach (var file in cited)
        {
            if (snapshot.ReadLines(file.Key) is not { Count: > 0 } lines)
            {
                continue;
            }

            var whole = string.Join('\n', lines);
            if (counter.Count(whole) <= perFile)
            {
                sections.Add(new PromptSection(file.Key, 1, lines.Count, whole));
                continue;
            }

            var start = Math.Max(1, file.Min(c => c.StartLine) - 60);
            var end = Math.Min(lines.Count, file.Max(c => c.EndLine) + 60);
            sections.Add(new PromptSection(file.Key, start, end, counter.Truncate(string.Join('\n', lines.Skip(start - 1).Take(end - start + 1)), perFile)));
        }

        return sections;
    }

    public int CountInputTokens(string instruction, string diagnosis, IReadOnlyList<PromptSection> sections, string? earlierPatch = null)
    {
        var counter = new TokenCounter(Model);
        return FixPrompt.Build(instruction, diagnosis, sections, earlierPatch).Sum(m => counter.Count(m.Text) + 4) + counter.Count(FixSchema.Json) + 3;
    }

    /// <summary>
    /// Asks the fix model for edits and turns those that apply into a checked patch. With <paramref name="earlierPatch"/>
    /// the engineer's <paramref name="instruction"/> revises it: the new edits replace it, applied to the same code.
    /// </summary>
    public async Task<FixOutcome> GenerateAsync(
        RepositorySnapshot snapshot, string instruction, string diagnosis, IReadOnlyList<PromptSection> sections, string? earlierPatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sections);
        var client = clients.Fix ?? throw new ModelException("No model is configured (OpenAI__ApiKey is not set).") { IsTransient = false };
        var redactor = new Redactor(redaction.Value);
        var shown = sections.Select(s => s with { Text = redactor.Text(s.Text) }).ToList();
        var (text, usage) = await StructuredCall.RunAsync(
            client, FixPrompt.Build(redactor.Text(instruction), redactor.Text(diagnosis), shown, earlierPatch is null ? null : redactor.Text(earlierPatch)), FixSchema.Name, FixSchema.Json, Model, clients.Options.MaxOutputTokens, timeProvider, cancellationToken);
        var answer = Parse(text);

        // The edits are code: the values the model saw as placeholders go back, so the patch applies to the real file.
        // The rest of the answer is stored and posted, so it is redacted.
        var proposal = answer with
        {
            Summary = redactor.Text(answer.Summary),
            TestPlan = redactor.Text(answer.TestPlan),
            Edits = [.. answer.Edits.Select(e => e with { Find = redactor.Restore(e.Find), Replace = redactor.Restore(e.Replace), Why = redactor.Text(e.Why) })],
        };
        var (changed, rejected) = Apply(snapshot, proposal.Edits, sections.Select(s => s.Path).ToHashSet(StringComparer.Ordinal));
        var patch = changed.Count == 0 ? null : await DiffAsync(snapshot, changed, cancellationToken);
        return new FixOutcome(proposal, patch, [.. changed.Keys], [.. rejected.Select(redactor.Text)], usage);
    }

    internal static FixProposal Parse(string text)
    {
        FixProposal? proposal;
        try
        {
            proposal = JsonSerializer.Deserialize(text, LlmJsonContext.Default.FixProposal);
        }
        catch (JsonException exception)
        {
            throw new ModelException($"The model's answer did not match the fix schema: {StructuredCall.Shorten(exception.Message)}", exception);
        }

        if (proposal is null || string.IsNullOrWhiteSpace(proposal.Summary))
        {
            throw new ModelException("The model's fix had no summary.");
        }

        return proposal with { Edits = proposal.Edits ?? [], TestPlan = proposal.TestPlan ?? string.Empty, Risk = proposal.Risk ?? "medium" };
    }

    /// <summary>
    /// Applies the edits in memory. An edit is refused (with the reason) when its file is not one the model was shown,
    /// or its text to replace is empty, missing, or found more than once.
    /// </summary>
    internal static (Dictionary<string, (string Old, string New)> Changed, List<string> Rejected) Apply(RepositorySnapshot snapshot, IReadOnlyList<FixEdit> edits, IReadOnlySet<string> shown)
    {
        var changed = new Dictionary<string, (string Old, string New)>(StringComparer.Ordinal);
        var rejected = new List<string>();
        foreach (var edit in edits)
        {
            if (!shown.Contains(edit.Path) || snapshot.ReadText(edit.Path) is not { } original)
            {
                rejected.Add($"{edit.Path}: not one of the files shown to the model, so it was not changed");
                continue;
            }

            var current = changed.TryGetValue(edit.Path, out var soFar) ? soFar.New : original;
            var crlf = current.Contains("\r\n", StringComparison.Ordinal);
            var find = crlf ? edit.Find.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : edit.Find;
            var replace = crlf ? edit.Replace.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) : edit.Replace;
            var count = find.Length == 0 ? 0 : Occurrences(current, find);
            if (count != 1)
            {
                rejected.Add(count == 0 ? $"{edit.Path}: the text to replace is not in the file at this commit" : $"{edit.Path}: the text to replace matches {count} places, so it is ambiguous");
                continue;
            }

            var at = current.IndexOf(find, StringComparison.Ordinal);
            changed[edit.Path] = (original, string.Concat(current.AsSpan(0, at), replace, current.AsSpan(at + find.Length)));
        }

        foreach (var path in changed.Where(c => c.Value.Old == c.Value.New).Select(c => c.Key).ToList())
        {
            changed.Remove(path);
        }

        return (changed, rejected);
    }

    /// <summary>The unified diff of the changes (git's own), after checking that it applies to the files at the commit.</summary>
    private static async Task<string> DiffAsync(RepositorySnapshot snapshot, Dictionary<string, (string Old, string New)> changed, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("ctb-fix-");
        try
        {
            foreach (var (path, (old, updated)) in changed)
            {
                await WriteAsync(Path.Combine(work.FullName, "a", path), old, cancellationToken);
                await WriteAsync(Path.Combine(work.FullName, "b", path), updated, cancellationToken);
            }

            var diff = await GitCommand.RunAsync(["-C", work.FullName, "diff", "--no-index", "--no-prefix", "--no-color", "--no-ext-diff", "a", "b"], GitTimeout, cancellationToken);
            if (diff.ExitCode is not (0 or 1) || diff.StandardOutput.Length == 0)
            {
                throw new RepositoryException($"git diff could not describe the change: {diff.ErrorSummary}");
            }

            var patchFile = Path.Combine(work.FullName, "fix.patch");
            await File.WriteAllTextAsync(patchFile, diff.StandardOutput, cancellationToken);
            var check = await GitCommand.RunAsync(["-C", Path.Combine(work.FullName, "a"), "apply", "--check", patchFile], GitTimeout, cancellationToken);
            if (check.ExitCode != 0)
            {
                throw new RepositoryException($"The patch does not apply to {snapshot.CommitSha[..10]}: {check.ErrorSummary}");
            }

            return diff.StandardOutput;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task WriteAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
    }

    private static int Occurrences(string text, string find)
    {
        var count = 0;
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}

/// <summary>What the fix model proposed, the patch made of the edits that applied (null when none did), and what was refused.</summary>
internal sealed record FixOutcome(FixProposal Proposal, string? Patch, IReadOnlyList<string> ChangedFiles, IReadOnlyList<string> Rejected, ModelUsage Usage);
