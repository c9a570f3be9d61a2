namespace ChatTriageBot.Triage;

/// <summary>Bound from the <c>Triage</c> section: how triages in Slack behave.</summary>
internal sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>The <b>Generate fix</b> button is shown when the diagnosis' fixability is at least this (0 to 1).</summary>
    public double FixabilityThreshold { get; set; } = 0.6;

    /// <summary>
    /// A new request at least this similar (estimated Jaccard similarity of its word shingles, 0 to 1) to one triaged
    /// recently in the same repository is offered the earlier diagnosis before any money is spent. 1 or more turns
    /// the check off.
    /// </summary>
    public double SimilarityThreshold { get; set; } = 0.6;

    /// <summary>How far back "recently" reaches, in days.</summary>
    public int SimilarWithinDays { get; set; } = 14;

    /// <summary>Text files and snippets attached to the thread are read up to this size each; larger ones are skipped with a note.</summary>
    public int MaxAttachmentBytes { get; set; } = 256 * 1024;

    /// <summary>How many attachments of one thread are read at most.</summary>
    public int MaxAttachments { get; set; } = 5;
}
