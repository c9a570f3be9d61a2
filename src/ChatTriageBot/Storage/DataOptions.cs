namespace ChatTriageBot.Storage;

/// <summary>Bound from the <c>Data</c> section: where mirrors, indexes and the SQLite file live.</summary>
internal sealed class DataOptions
{
    public const string Section = "Data";

    public string Directory { get; set; } = "data";

    public string FullPath => Path.GetFullPath(Directory);
}
