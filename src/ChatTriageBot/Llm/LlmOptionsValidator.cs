using Microsoft.Extensions.Options;

namespace ChatTriageBot.Llm;

internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Endpoint)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            problems.Add($"OpenAI__Endpoint must be an absolute http(s) URL ending in /v1, not '{options.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            problems.Add("OpenAI__Model must name a model, e.g. gpt-4.1-mini.");
        }

        if (options.TimeoutSeconds is < 1 or > 3600)
        {
            problems.Add("OpenAI__TimeoutSeconds must be between 1 and 3600.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            problems.Add("OpenAI__MaxRetries must be between 0 and 10.");
        }

        if (options.MaxOutputTokens is < 256 or > 100_000)
        {
            problems.Add("OpenAI__MaxOutputTokens must be between 256 and 100000.");
        }

        if (options.ContextTokens is < 1000 or > 1_000_000)
        {
            problems.Add("OpenAI__ContextTokens must be between 1000 and 1000000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
