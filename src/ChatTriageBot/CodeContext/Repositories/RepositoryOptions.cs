namespace ChatTriageBot.CodeContext;

/// <summary>One entry of the <c>Repos</c> list (<c>Repos__0__Name</c>, <c>Repos__0__CloneUrl</c>, ...).</summary>
internal sealed class RepositoryOptions
{
    /// <summary><c>owner/name</c>.</summary>
    public string? Name { get; set; }

    /// <summary><c>https://</c>, <c>ssh://</c>, <c>file://</c> URL or a local path (a working tree or a bare repository).</summary>
    public string? CloneUrl { get; set; }

    public string DefaultBranch { get; set; } = "main";

    /// <summary>Channel ids whose default repository this is.</summary>
    public List<string> Channels { get; } = [];

    /// <summary>Optional command that checks a patch (later: fixes), run in a checkout of the patched tree.</summary>
    public string? CheckCommand { get; set; }
}
