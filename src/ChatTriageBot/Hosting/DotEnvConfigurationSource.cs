namespace ChatTriageBot.Hosting;

/// <summary>
/// Reads a <c>.env</c> file (KEY=VALUE lines, <c>#</c> comments, optional <c>export</c>, single or double quotes) as
/// configuration. <c>Section__Key</c> names map to <c>Section:Key</c> exactly as environment variables do. It is added
/// first, so appsettings.json and real environment variables override it (the usual dotenv rule).
/// </summary>
internal sealed class DotEnvConfigurationSource(string path) : IConfigurationSource
{
    public string Path => path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DotEnvConfigurationProvider(path);
}
