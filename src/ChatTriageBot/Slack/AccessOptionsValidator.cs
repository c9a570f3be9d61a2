using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Every id listed under <c>Access__&lt;Permission&gt;</c> must be a Slack user id (<c>U…</c>, <c>W…</c>) or user-group id
/// (<c>S…</c>): anything else (a name, an e-mail address, a lower-case id) would match nobody and quietly lock people out.
/// Blank entries are allowed and mean nothing.
/// </summary>
internal sealed partial class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = new List<string>();
        foreach (var (permission, ids) in options.Permissions)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                if (!string.IsNullOrWhiteSpace(ids[i]) && !SlackId().IsMatch(ids[i]))
                {
                    problems.Add($"Access__{permission}__{i}: '{ids[i]}' is not a Slack user id (U… or W…) or user-group id (S…).");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[UWS][A-Z0-9]{2,}$")]
    private static partial Regex SlackId();
}
