using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Triage;

internal sealed partial class RedactionOptionsValidator : IValidateOptions<RedactionOptions>
{
    public ValidateOptionsResult Validate(string? name, RedactionOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Disabled.Count; i++)
        {
            var kind = options.Disabled[i]?.Trim().ToUpperInvariant();
            if (kind is null || !RedactionOptions.BuiltInKinds.Contains(kind))
            {
                problems.Add($"Redaction__Disabled__{i}: '{options.Disabled[i]}' is not a redaction kind (one of {string.Join(", ", RedactionOptions.BuiltInKinds)}).");
            }
        }

        for (var i = 0; i < options.Patterns.Count; i++)
        {
            var pattern = options.Patterns[i];
            if (string.IsNullOrWhiteSpace(pattern.Kind) || !KindName().IsMatch(pattern.Kind))
            {
                problems.Add($"Redaction__Patterns__{i}__Kind must be upper-case letters, digits and underscores (e.g. CUSTOMER_ID), not '{pattern.Kind}'.");
            }

            if (string.IsNullOrWhiteSpace(pattern.Pattern))
            {
                problems.Add($"Redaction__Patterns__{i}__Pattern is missing.");
                continue;
            }

            try
            {
                _ = new Regex(pattern.Pattern, RegexOptions.None, Redactor.PatternTimeout);
                if (Regex.IsMatch(string.Empty, pattern.Pattern, RegexOptions.None, Redactor.PatternTimeout))
                {
                    problems.Add($"Redaction__Patterns__{i}__Pattern matches empty text, so it would match everywhere.");
                }
            }
            catch (ArgumentException exception)
            {
                problems.Add($"Redaction__Patterns__{i}__Pattern is not a valid regular expression: {exception.Message.Replace(';', ',')}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{0,39}$")]
    private static partial Regex KindName();
}
