using ChatTriageBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>The <c>locate</c> step on its own: rank a repository's files at a commit against a text.</summary>
internal sealed class CodeLocator(CodeRanker ranker, IOptions<DataOptions> data, IOptions<CodeContextOptions> options)
{
    public async Task<IReadOnlyList<LocatedFile>> LocateAsync(string repository, string? commit, string text, int top, CancellationToken cancellationToken)
    {
        using var snapshot = await RepositorySnapshot.OpenAsync(repository, commit, data.Value.FullPath, options.Value, cancellationToken);
        var ranked = await ranker.RankAsync(snapshot, text, CodeReferenceExtractor.Extract(text), top, cancellationToken);
        return [.. ranked.Select(LocatedFile.From)];
    }
}
