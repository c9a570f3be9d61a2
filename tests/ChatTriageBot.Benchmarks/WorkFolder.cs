namespace ChatTriageBot.Benchmarks;

/// <summary>A benchmark's temporary folder, removed at the end even where git left read-only objects in it.</summary>
internal static class WorkFolder
{
    public static void Delete(DirectoryInfo work)
    {
        try
        {
            foreach (var file in work.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                file.Attributes = FileAttributes.Normal;
            }

            work.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
