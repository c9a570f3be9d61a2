using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Fixes;

/// <summary>Opens a repository at a commit for the fixes feature, fetching the mirror once when the commit is newer than its last fetch.</summary>
internal static class FixSnapshots
{
    public static async Task<RepositorySnapshot> OpenAsync(string cloneUrl, string commit, string dataDirectory, CodeContextOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await RepositorySnapshot.OpenAsync(cloneUrl, commit, dataDirectory, options, cancellationToken);
        }
        catch (RepositoryException) when (RepositorySnapshot.IsUrl(cloneUrl))
        {
            // A commit just seen on GitHub (the default branch's head) that the mirror has not fetched yet.
            await RepositorySnapshot.EnsureMirrorAsync(cloneUrl, dataDirectory, options, [], cancellationToken, force: true);
            return await RepositorySnapshot.OpenAsync(cloneUrl, commit, dataDirectory, options, cancellationToken);
        }
    }
}
