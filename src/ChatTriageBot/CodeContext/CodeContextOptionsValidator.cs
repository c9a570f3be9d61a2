using Microsoft.Extensions.Options;

namespace ChatTriageBot.CodeContext;

internal sealed class CodeContextOptionsValidator : IValidateOptions<CodeContextOptions>
{
    public ValidateOptionsResult Validate(string? name, CodeContextOptions options)
    {
        var problems = new List<string>();
        if (options.MaxFileBytes is < 1024 or > 100 * 1024 * 1024)
        {
            problems.Add("CodeContext__MaxFileBytes must be between 1024 and 104857600.");
        }

        if (options.GitTimeout < TimeSpan.FromSeconds(5))
        {
            problems.Add("CodeContext__GitTimeout must be at least 00:00:05.");
        }

        if (options.FetchIntervalMinutes is < 0 or > 24 * 60)
        {
            problems.Add("CodeContext__FetchIntervalMinutes must be between 0 (off) and 1440.");
        }

        if (options.FetchOnDemandAfterSeconds is < 0 or > 24 * 3600)
        {
            problems.Add("CodeContext__FetchOnDemandAfterSeconds must be between 0 and 86400.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
