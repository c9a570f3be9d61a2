namespace ChatTriageBot.CodeContext;

/// <summary>
/// A dotted module name the text writes (<c>sphinx.ext.napoleon</c> is <c>sphinx/ext/napoleon/__init__.py</c>) names
/// its file; so does a bare name with a file's extension that names no file (<c>format="ascii.rst"</c> is
/// <c>io/ascii/rst.py</c>). The longest prefix of the name that is a module counts.
/// </summary>
internal sealed class ModuleSignal : IRankingSignal
{
    // A named module is nearly as telling as a named path, less so as a module is bigger than a line.
    private const double ModuleBoost = 2.5;

    // A text naming more modules than this is listing them (a configuration's extensions, installed apps): each counts
    // √(this / n) as much.
    private const int ModuleListSize = 2;

    // A package's __init__.py shorter than this (in terms) mostly re-exports its modules: the code is in a sibling.
    private const int ShortPackageInitTerms = 400;

    // What such a re-exporting __init__.py keeps of the boost.
    private const double ShortPackageInitFactor = 0.3;

    // A module only the pasted example imports (import matplotlib.pyplot as plt heads every such report) is the
    // library's entry point, not where the fault is: a quarter.
    private const double ExampleOnlyFactor = 0.25;

    public string Name => "module";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paths = context.Paths;
        var references = context.References;
        var found = new List<(string Module, List<int> Matches)>();
        var dotted = references.Identifiers.Where(i => i.Style == IdentifierStyle.Dotted).Select(i => i.Name)
            .Concat(references.FilePaths.Select(f => f.Path).Where(p => !p.Contains('/', StringComparison.Ordinal) && p.Contains('.', StringComparison.Ordinal) && paths.Match(p).Matches.Count == 0));
        foreach (var name in dotted)
        {
            var parts = name.Split('.');
            for (var take = parts.Length; take >= 2; take--)
            {
                var matches = paths.MatchModule(parts[..take]);
                if (matches.Count == 0)
                {
                    continue;
                }

                found.Add((string.Join('.', parts[..take]), matches));
                break;
            }
        }

        var distinct = found.Select(f => f.Module).Distinct(StringComparer.Ordinal).Count();
        var dilution = distinct > ModuleListSize ? Math.Sqrt((double)ModuleListSize / distinct) : 1;
        foreach (var (module, matches) in found)
        {
            foreach (var document in matches)
            {
                var reexports = context.Index.Paths[document].EndsWith("__init__.py", StringComparison.Ordinal) && context.Index.Lengths[document] < ShortPackageInitTerms;
                var prose = context.Query.ProseText.Contains(module, StringComparison.Ordinal) ? 1 : ExampleOnlyFactor;
                var boost = prose * ModuleBoost * dilution * (reexports ? ShortPackageInitFactor : 1) / Math.Sqrt(matches.Count);
                context.Evidence[document].Add(EvidenceKind.Module, boost, $"module {module} named in the text");
            }
        }
    }
}
