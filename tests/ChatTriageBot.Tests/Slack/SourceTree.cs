namespace ChatTriageBot.Tests.Slack;

/// <summary>Paths in the repository checkout the tests were built from (found by walking up to ChatTriageBot.sln).</summary>
internal static class SourceTree
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatTriageBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ChatTriageBot.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The folder of the @slack/types check script.</summary>
    public static string TypeCheckFolder => Combine("tests", "ChatTriageBot.Tests", "Slack", "blockkit-typecheck");
}
