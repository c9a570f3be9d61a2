namespace ChatTriageBot.CodeContext;

/// <summary>The configured repositories, bound from the <c>Repos</c> list.</summary>
public sealed class ReposOptions
{
    public const string Section = "Repos";

    public List<RepositoryOptions> Items { get; } = [];
}
