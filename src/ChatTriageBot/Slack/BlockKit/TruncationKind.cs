namespace ChatTriageBot.Slack.BlockKit;

/// <summary>What a <see cref="BlockKitTruncation"/> cut.</summary>
internal enum TruncationKind
{
    /// <summary>A text was cut and ends with a visible marker.</summary>
    Text,

    /// <summary>Items (blocks, fields, elements) were dropped; where possible a visible notice replaces them.</summary>
    Items,
}
