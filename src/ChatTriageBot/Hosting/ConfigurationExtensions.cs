namespace ChatTriageBot.Hosting;

internal static class ConfigurationExtensions
{
    /// <summary>Adds <c>.env</c> from the working directory at the lowest precedence, when there is one.</summary>
    public static IConfigurationManager AddDotEnv(this IConfigurationManager configuration, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.Combine(directory ?? Directory.GetCurrentDirectory(), ".env");
        if (File.Exists(path))
        {
            configuration.Sources.Insert(0, new DotEnvConfigurationSource(path));
        }

        return configuration;
    }
}
