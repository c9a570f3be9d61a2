using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

internal sealed partial class ReposOptionsValidator : IValidateOptions<ReposOptions>
{
    public ValidateOptionsResult Validate(string? name, ReposOptions options)
    {
        var problems = new List<string>();
        if (options.Items.Count == 0)
        {
            problems.Add("Repos__0__Name is missing: configure at least one repository (owner/name) to triage against.");
            problems.Add("Repos__0__CloneUrl is missing: where to clone that repository from (https://, ssh://, file:// or a local path).");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Items.Count; i++)
        {
            var repo = options.Items[i];
            if (string.IsNullOrWhiteSpace(repo.Name))
            {
                problems.Add($"Repos__{i}__Name is missing: the repository as owner/name.");
            }
            else if (!OwnerName().IsMatch(repo.Name))
            {
                problems.Add($"Repos__{i}__Name must look like owner/name, not '{repo.Name}'.");
            }
            else if (!seen.Add(repo.Name))
            {
                problems.Add($"Repos__{i}__Name repeats '{repo.Name}', which is configured twice.");
            }

            if (string.IsNullOrWhiteSpace(repo.CloneUrl))
            {
                problems.Add($"Repos__{i}__CloneUrl is missing: where to clone {repo.Name ?? "the repository"} from.");
            }

            if (string.IsNullOrWhiteSpace(repo.DefaultBranch))
            {
                problems.Add($"Repos__{i}__DefaultBranch must not be empty.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex OwnerName();
}
