using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>
/// One format of personal data or secret: its id (as the README and the tests name it), the kind its placeholders
/// carry (<c>&lt;KIND_n&gt;</c>, and what <c>Redaction__Disabled__N</c> switches off), the patterns that find candidates,
/// and the check a candidate must pass (a checksum, a valid date, a value that is not code). The part replaced is a
/// pattern's <c>secret</c> group when it has one (every capture of it); else the whole match, from its <c>head</c> group
/// when it has one (a pattern that starts at a rare literal, such as <c>://</c>, and looks back for the rest).
/// </summary>
internal sealed record RedactionFormat(string Id, string Kind, string Description, IReadOnlyList<Regex> Patterns, Func<RedactionCandidate, bool>? Check = null)
{
    public RedactionFormat(string id, string kind, string description, Regex pattern, Func<RedactionCandidate, bool>? check = null)
        : this(id, kind, description, [pattern], check)
    {
    }

    /// <summary>
    /// Literals (in any case) one of which every match contains, such as a label (<c>password</c>) or a separator
    /// (<c>@</c>): the patterns run only in windows around them, found for all formats in one pass. Null: the whole text.
    /// </summary>
    public IReadOnlyList<string>? Anchors { get; init; }

    /// <summary>
    /// For numbers: the patterns run only around runs of digits and separators this accepts (a label up to 40
    /// characters before the run, and 8 characters after it, are in the window), of <see cref="NumberRun.MinDigits"/>
    /// digits or more. Null: not used.
    /// </summary>
    public Func<NumberRun, bool>? Numbers { get; init; }

    /// <summary>How far past its anchor a match may reach (a key block is long, a token short).</summary>
    public int Reach { get; init; } = 600;
}
