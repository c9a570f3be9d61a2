namespace ChatTriageBot.CodeContext;

/// <summary>Evidence per document, made only for the few documents something points at.</summary>
internal sealed class EvidenceTable(int count)
{
    private readonly FileEvidence?[] _items = new FileEvidence?[count];

    public FileEvidence this[int document] => _items[document] ??= new FileEvidence();

    public double Boost(int document) => _items[document]?.Boost ?? 0;

    public bool IsNamed(int document) => _items[document]?.Named ?? false;

    public FileEvidence? Find(int document) => _items[document];
}
