namespace ChatTriageBot.CodeContext;

/// <summary>An issue or pull request a request links to, as read from GitHub (untrusted text, like the request itself).</summary>
internal sealed record GitHubItem(string Repository, int Number, bool IsPullRequest, string Title, string Body)
{
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>For pull requests: the files it changes.</summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        text.Append(IsPullRequest ? "Linked pull request " : "Linked issue ").Append(Repository).Append('#').Append(Number).Append(": ").AppendLine(Title);
        if (Body.Length > 0)
        {
            text.AppendLine(Body);
        }

        foreach (var comment in Comments)
        {
            text.Append("Comment: ").AppendLine(comment);
        }

        if (ChangedFiles.Count > 0)
        {
            text.Append("Changed files: ").AppendLine(string.Join(", ", ChangedFiles));
        }

        return text.ToString();
    }
}
