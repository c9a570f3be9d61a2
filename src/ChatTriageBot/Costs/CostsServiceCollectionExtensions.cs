using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

internal static class CostsServiceCollectionExtensions
{
    /// <summary>The usage ledger and the spending caps.</summary>
    public static IServiceCollection AddCosts(this IServiceCollection services)
    {
        services.AddOptions<CostsOptions>().BindConfiguration(CostsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CostsOptions>, CostsOptionsValidator>();
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<Budget>();
        return services;
    }
}
