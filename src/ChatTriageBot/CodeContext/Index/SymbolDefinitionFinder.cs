using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// Finds the names a source file defines with a few line-based patterns: class/interface/struct/enum/record/trait/
/// module/type, def/function/func/fn (Go receivers included), C#/Java/PHP members with modifiers, and JavaScript
/// functions assigned to names. Not a parser; good enough to say "this file defines CartService.Total".
/// </summary>
internal static partial class SymbolDefinitionFinder
{
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "if", "for", "while", "switch", "catch", "return", "function", "new", "else", "using", "lock", "foreach", "await",
    };

    /// <summary>Adds every (name, 1-based line) the text defines.</summary>
    public static void Find(string text, List<(string Name, int Line)> definitions)
    {
        var line = 1;
        var position = 0;
        foreach (Match match in DefinitionRegex().Matches(text))
        {
            line += text.AsSpan(position, match.Index - position).Count('\n');
            position = match.Index;
            var name = match.Groups["name"].Value;
            if (name.Length > 0 && !NotNames.Contains(name))
            {
                definitions.Add((name, line));
            }
        }
    }

    [GeneratedRegex(
        @"^[ \t]*(?:"
        + @"(?:(?:export|public|private|protected|internal|static|async|abstract|final|sealed|override|virtual|partial|readonly|default|pub(?:\([^)\n]*\))?|open|data|inline|unsafe|extern|declare)[ \t]+)*"
        + @"(?:class|interface|struct|enum|record|trait|object|module|protocol|def|function\*?|func|fun|fn|sub|type|impl)[ \t]+(?:\([^)\n]*\)[ \t]*)?(?:self\.)?(?<name>[A-Za-z_$][\w$]*[?!]?)"
        + @"|(?:export[ \t]+)?(?:const|let|var)[ \t]+(?<name>[A-Za-z_$][\w$]*)[ \t]*=[ \t]*(?:async[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*=>|[A-Za-z_$][\w$]*[ \t]*=>)"
        + @"|(?:(?:public|private|protected|internal|static|async|abstract|final|sealed|override|virtual|partial|readonly|synchronized|extern|unsafe|new)[ \t]+)+(?:[\w<>\[\],.?]+(?:[ \t]*<[^>\n]*>)?[ \t]+)?(?<name>[A-Za-z_]\w*)[ \t]*(?:<[^>\n]*>)?[ \t]*[({=;]"
        + @"|(?:(?:async|static|get|set)[ \t]+)*(?<name>[A-Za-z_$][\w$]*)[ \t]*\([^)\n]*\)[ \t]*\{"
        + @")",
        RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionRegex();
}
