using System.Collections.Frozen;

namespace ChatTriageBot.CodeContext;

/// <summary>File extensions that name source, build or configuration files; anything else in prose is not a path.</summary>
internal static class SourceExtensions
{
    /// <summary>Alternation for regular expressions, longest first so that <c>cs</c> wins over <c>c</c>.</summary>
    public const string Pattern =
        "cshtml|csproj|fsproj|vbproj|gradle|groovy|svelte|kts|razor|props|targets|config|properties|scala|swift|proto|"
        + "graphql|psm1|ps1|bash|yaml|toml|json|html|scss|sass|less|rake|erb|exs|erl|ipynb|java|dart|"
        + "pyi|pyx|tsx|jsx|mjs|cjs|vue|cpp|cxx|hpp|hxx|cc|hh|php|lua|sql|xml|yml|ini|cfg|conf|css|htm|sln|cmake|"
        + "ex|hs|clj|jl|tf|md|rst|kt|go|rs|py|rb|js|ts|cs|fs|vb|sh|pl|pm|mm|c|h|m|r";

    public static FrozenSet<string> All { get; } =
        Pattern.Split('|').ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the name ends in one of the known extensions.</summary>
    public static bool HasKnownExtension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot >= 0 && dot < name.Length - 1 && All.Contains(name[(dot + 1)..]);
    }
}
