using System.Text.RegularExpressions;

namespace ChatTriageBot.Triage;

/// <summary>
/// One format of personal data or secret: its id (as the README and the tests name it), the kind its placeholders
/// carry (<c>&lt;KIND_n&gt;</c>, and what <c>Redaction__Disabled__N</c> switches off), the pattern that finds
/// candidates, and the check a candidate must pass (a checksum, a valid date, a value that is not code). The part
/// replaced is the pattern's <c>secret</c> group when it has one (every capture of it), else the whole match.
/// </summary>
internal sealed record RedactionFormat(string Id, string Kind, string Description, Regex Pattern, Func<RedactionCandidate, bool>? Check = null);
