using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>Checks <see cref="PullRequestOptions"/> at start-up; each problem is one line naming the key.</summary>
internal sealed class PullRequestOptionsValidator : IValidateOptions<PullRequestOptions>
{
    public ValidateOptionsResult Validate(string? name, PullRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var i = 0; i < options.PullRequestLabels.Count; i++)
        {
            var label = options.PullRequestLabels[i];
            if (string.IsNullOrWhiteSpace(label) || label.Length > 50)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"GitHub__PullRequestLabels__{i} must be a label name of 1 to 50 characters, not '{label}'."));
            }
        }

        if (options.WebhookSecret is { } secret && (secret.Length > 0 && string.IsNullOrWhiteSpace(secret)))
        {
            problems.Add("GitHub__WebhookSecret is blank: set the secret of the repository's webhook, or leave it unset to turn POST /github/webhook off.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
