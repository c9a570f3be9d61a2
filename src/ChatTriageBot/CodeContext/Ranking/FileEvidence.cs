namespace ChatTriageBot.CodeContext;

/// <summary>What points at one file: boosts by kind (each kind counted once), the reasons shown, and the lines referenced.</summary>
internal sealed class FileEvidence
{
    // A quoted message or commit subject in a reason is cut to this many characters.
    private const int MaxQuoteLength = 60;

    private readonly Dictionary<(EvidenceKind Kind, string? Detail), double> _boosts = [];

    /// <summary>Why the file ranked, in words, in the order found (shown in "What was sent" and locate's JSON).</summary>
    public List<string> Reasons { get; } = [];

    /// <summary>The lines the evidence points at.</summary>
    public List<LineRange> Ranges { get; } = [];

    /// <summary>The text names the file (its path, or a stack frame in it): a named test file is not down-weighted.</summary>
    public bool Named { get; set; }

    /// <summary>The sum of the boosts, kept as they are added: ranking asks for it for every candidate.</summary>
    public double Boost { get; private set; }

    /// <summary>A text quoted in a reason, cut to <see cref="MaxQuoteLength"/> characters.</summary>
    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxQuoteLength ? text : string.Concat(text.AsSpan(0, MaxQuoteLength - 3), "...");
    }

    public bool HasReason(string reason) => Reasons.Contains(reason);

    /// <summary>
    /// Adds a boost of <paramref name="kind"/> (about <paramref name="detail"/>, for kinds about one name): only the
    /// largest boost of a kind and detail counts. The reason is shown once however often it is given.
    /// </summary>
    public void Add(EvidenceKind kind, double boost, string reason, string? detail = null)
    {
        var key = (kind, detail);
        var known = _boosts.TryGetValue(key, out var existing);
        if (!known || existing < boost)
        {
            _boosts[key] = boost;
            Boost += boost - (known ? existing : 0);
        }

        if (!Reasons.Contains(reason))
        {
            Reasons.Add(reason);
        }
    }
}
