using Microsoft.Extensions.Options;

namespace ChatTriageBot.Llm;

internal static class LlmServiceCollectionExtensions
{
    public static IServiceCollection AddLlm(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddSingleton<ChatClients>();
        services.AddOptions<PriceOptions>().BindConfiguration(PriceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PriceOptions>, PriceOptionsValidator>();
        services.AddSingleton<PriceTable>();
        return services;
    }
}
