namespace ChatTriageBot.Fixes;

/// <summary>One check a patch went through before it was offered: its name, whether it passed, and what to say about it.</summary>
internal sealed record FixCheck(string Name, bool Passed, string Detail)
{
    public const string Paths = "paths";
    public const string Size = "size";
    public const string Command = "command";

    /// <summary>The last lines of a check command's output (shown when it failed).</summary>
    public string? OutputTail { get; init; }
}
