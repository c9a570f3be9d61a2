using Microsoft.Extensions.Options;

namespace ChatTriageBot.Llm;

internal sealed class PriceOptionsValidator : IValidateOptions<PriceOptions>
{
    public ValidateOptionsResult Validate(string? name, PriceOptions options)
    {
        var problems = new List<string>();
        foreach (var (model, price) in options.Models)
        {
            if (price.Input < 0 || price.Output < 0 || price.CachedInput < 0)
            {
                problems.Add($"Prices__Models__{model}: prices must not be negative.");
            }

            if (price.Input == 0 && price.Output == 0)
            {
                problems.Add($"Prices__Models__{model} needs __Input and __Output (USD per million tokens), e.g. 0.4 and 1.6.");
            }
        }

        foreach (var (alias, target) in options.Aliases)
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                problems.Add($"Prices__Aliases__{alias} must name a priced model, e.g. gpt-4.1-mini.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
