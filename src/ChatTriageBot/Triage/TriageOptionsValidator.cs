using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

internal sealed class TriageOptionsValidator : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var problems = new List<string>();
        if (options.FixabilityThreshold is < 0 or > 1 || double.IsNaN(options.FixabilityThreshold))
        {
            problems.Add("Triage__FixabilityThreshold must be between 0 and 1.");
        }

        if (options.SimilarityThreshold is < 0 or > 1 || double.IsNaN(options.SimilarityThreshold))
        {
            problems.Add("Triage__SimilarityThreshold must be between 0 and 1 (1 turns the similar-request check off).");
        }

        if (options.SimilarWithinDays is < 1 or > 365)
        {
            problems.Add("Triage__SimilarWithinDays must be between 1 and 365.");
        }

        if (options.MaxAttachmentBytes is < 1024 or > 20 * 1024 * 1024)
        {
            problems.Add("Triage__MaxAttachmentBytes must be between 1024 and 20971520.");
        }

        if (options.MaxAttachments is < 0 or > 50)
        {
            problems.Add("Triage__MaxAttachments must be between 0 and 50.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
