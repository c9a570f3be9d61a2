using ChatTriageBot.Llm;
using ChatTriageBot.Slack;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Costs;

internal static class CostsServiceCollectionExtensions
{
    /// <summary>The usage ledger (reports and caps read it) and the spending caps; no model client is decorated.</summary>
    public static IServiceCollection AddCostReports(this IServiceCollection services)
    {
        services.AddOptions<CostsOptions>().BindConfiguration(CostsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CostsOptions>, CostsOptionsValidator>();
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<Budget>();
        services.AddSingleton<CostReportService>();
        return services;
    }

    /// <summary>
    /// Everything of <see cref="AddCostReports"/>, plus the ledger's decorator around every model client (each call is
    /// recorded as it answers), the model's last known outcome, and <c>/triage cost</c> and <c>/triage budget</c>.
    /// </summary>
    public static IServiceCollection AddCosts(this IServiceCollection services)
    {
        services.AddCostReports();
        services.AddSingleton<ModelHealth>();
        services.AddSingleton<IChatClientDecorator, CostTrackingDecorator>();
        services.AddSingleton<ISlackSubcommand, CostCommand>();
        services.AddSingleton<ISlackSubcommand, BudgetCommand>();
        return services;
    }
}
