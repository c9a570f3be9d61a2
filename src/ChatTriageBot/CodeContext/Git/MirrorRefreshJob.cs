using ChatTriageBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Keeps every configured repository ready for a triage: fetches its mirror (cloning it the first time), builds the
/// code index of its newest commit, reads its history and prepares what ranking derives from both, so the first triage
/// after a push does not wait for any of it. Run every <c>CodeContext__FetchIntervalMinutes</c> by
/// <see cref="MirrorRefreshService"/>, one run at a time. A repository that fails is logged and the others go on.
/// </summary>
internal sealed partial class MirrorRefreshJob(
    RepositoryRegistry registry,
    CodeIndexStore indexes,
    IOptions<DataOptions> data,
    IOptions<CodeContextOptions> options,
    ILogger<MirrorRefreshJob> logger)
{
    /// <summary>Refreshes every repository configured by a clone URL; returns how many succeeded.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        foreach (var repository in registry.All.Where(r => r.CloneUrl is { } url && RepositorySnapshot.IsUrl(url)))
        {
            try
            {
                var warnings = new List<string>();
                await RepositorySnapshot.EnsureMirrorAsync(repository.CloneUrl!, data.Value.FullPath, options.Value, warnings, cancellationToken, force: true);
                using var snapshot = await RepositorySnapshot.OpenAsync(repository.CloneUrl!, null, data.Value.FullPath, options.Value, cancellationToken);
                var index = indexes.Open(snapshot, out var stats, cancellationToken);
                await CodeRanker.PrepareAsync(index, snapshot.ReadText, await indexes.HistoryAsync(snapshot, cancellationToken), cancellationToken);
                if (warnings.Count > 0)
                {
                    Log.RefreshWarning(logger, repository.Name!, warnings[0]);
                }

                Log.Refreshed(logger, repository.Name!, snapshot.CommitSha, index.Count, stats.Tokenized);
                done++;
            }
            catch (RepositoryException exception)
            {
                Log.RefreshFailed(logger, repository.Name!, exception.Message);
            }
        }

        return done;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Mirror of {Repository} refreshed at {Commit}: {Files} files indexed, {Tokenized} tokenized")]
        public static partial void Refreshed(ILogger logger, string repository, string commit, int files, int tokenized);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Mirror of {Repository}: {Warning}")]
        public static partial void RefreshWarning(ILogger logger, string repository, string warning);

        [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Mirror of {Repository} could not be refreshed: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string repository, string reason);
    }
}
