namespace ChatTriageBot.Slack.BlockKit;

/// <summary>One broken Block Kit rule: where (<c>blocks[2].text.text</c>) and what.</summary>
internal sealed record BlockKitViolation(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
