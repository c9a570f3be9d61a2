namespace ChatTriageBot.CodeContext;

/// <summary>
/// One ranked file as the <c>locate</c> verb prints it: <c>{"path":..., "score":..., "ranges":[[start,end],...], "reasons":[...]}</c>.
/// </summary>
internal sealed record LocatedFile(string Path, double Score, IReadOnlyList<int[]> Ranges, IReadOnlyList<string> Reasons)
{
    public static LocatedFile From(RankedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new LocatedFile(file.Path, Math.Round(file.Score, 4), [.. file.Ranges.Select(r => new[] { r.Start, r.End })], file.Reasons);
    }
}
