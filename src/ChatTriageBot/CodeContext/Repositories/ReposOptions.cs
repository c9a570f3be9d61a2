namespace ChatTriageBot.CodeContext;

/// <summary>The configured repositories, bound from the <c>Repos</c> list.</summary>
internal sealed class ReposOptions
{
    public const string Section = "Repos";

    public List<RepositoryOptions> Items { get; } = [];
}
