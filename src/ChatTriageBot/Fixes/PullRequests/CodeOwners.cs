namespace ChatTriageBot.Fixes;

/// <summary>
/// Reads a repository's CODEOWNERS: for each changed file the last rule whose pattern matches it names its owners
/// (<c>@user</c>, <c>@org/team</c>; e-mail owners cannot be requested as reviewers and are left out).
/// </summary>
internal static class CodeOwners
{
    /// <summary>Where GitHub looks for the file, in its order.</summary>
    public static readonly IReadOnlyList<string> Locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    /// <summary>The users and team slugs owning <paramref name="paths"/>, without <paramref name="exclude"/> (the pull request's author).</summary>
    public static (IReadOnlyList<string> Users, IReadOnlyList<string> Teams) For(string codeOwners, IEnumerable<string> paths, string? exclude)
    {
        ArgumentNullException.ThrowIfNull(codeOwners);
        ArgumentNullException.ThrowIfNull(paths);
        var rules = Parse(codeOwners);
        var users = new List<string>();
        var teams = new List<string>();
        foreach (var path in paths)
        {
            var rule = rules.LastOrDefault(r => r.Pattern.Matches(path));
            foreach (var owner in rule.Owners ?? [])
            {
                var name = owner.TrimStart('@');
                if (name.Split('/') is [_, var team])
                {
                    if (!teams.Contains(team, StringComparer.OrdinalIgnoreCase))
                    {
                        teams.Add(team);
                    }
                }
                else if (!name.Equals(exclude, StringComparison.OrdinalIgnoreCase) && !users.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    users.Add(name);
                }
            }
        }

        return (users, teams);
    }

    private static List<(PathGlob Pattern, string[] Owners)> Parse(string text)
    {
        var rules = new List<(PathGlob, string[])>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment].Trim();
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (PathGlob.Problem(parts[0]) is null)
            {
                rules.Add((new PathGlob(parts[0], ignoreCase: false), [.. parts.Skip(1).Where(o => o.StartsWith('@'))]));
            }
        }

        return rules;
    }
}
