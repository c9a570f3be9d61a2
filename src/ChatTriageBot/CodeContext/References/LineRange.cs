namespace ChatTriageBot.CodeContext;

/// <summary>An inclusive, 1-based range of lines.</summary>
internal sealed record LineRange(int Start, int End)
{
    public static LineRange At(int line) => new(line, line);

    public bool Overlaps(LineRange other) => Start <= other.End && other.Start <= End;

    public override string ToString() => Start == End ? $"L{Start}" : $"L{Start}-L{End}";
}
