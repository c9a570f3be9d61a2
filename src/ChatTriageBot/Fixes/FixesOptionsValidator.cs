using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Fixes;

/// <summary>Checks <see cref="FixesOptions"/> at start-up; each problem is one line naming the key.</summary>
internal sealed class FixesOptionsValidator : IValidateOptions<FixesOptions>
{
    public ValidateOptionsResult Validate(string? name, FixesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Range(problems, "Fixes__MaxFiles", options.MaxFiles, 1, 1000);
        Range(problems, "Fixes__MaxChangedLines", options.MaxChangedLines, 1, 100_000);
        Range(problems, "Fixes__CheckTimeoutSeconds", options.CheckTimeoutSeconds, 1, 3600);
        Range(problems, "Fixes__PullRequestPollMinutes", options.PullRequestPollMinutes, 0, 24 * 60);
        for (var i = 0; i < options.ProtectedPaths.Count; i++)
        {
            if (PathGlob.Problem(options.ProtectedPaths[i]) is { } problem)
            {
                problems.Add($"Fixes__ProtectedPaths__{i} {problem}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Range(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key} must be between {min} and {max}, not {value}."));
        }
    }
}
