using System.Globalization;
using System.Text;
using ChatTriageBot.CodeContext;

namespace ChatTriageBot.Tests.CodeContext;

/// <summary>
/// A handful of files of one commit, and the history before it, ranked in memory without git: the index is built from
/// the files' texts, the history parsed from commits written as <c>git log --name-only --format=%x1e%s</c> prints
/// them. A signal test ranks the same request with the signal on and off.
/// </summary>
internal sealed class InMemoryCommit
{
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];

    public InMemoryCommit With(string path, string text)
    {
        _files[path] = text;
        return this;
    }

    /// <summary>A past commit that changed <paramref name="paths"/>, newer than the ones added before it.</summary>
    public InMemoryCommit Changed(string subject, params string[] paths)
    {
        _log.Insert(0, $"\u001e{subject}\n{string.Join('\n', paths)}\n");
        return this;
    }

    /// <summary>The same commit <paramref name="times"/> times (with its number after the subject).</summary>
    public InMemoryCommit ChangedTogether(int times, string subject, params string[] paths)
    {
        for (var i = 0; i < times; i++)
        {
            Changed($"{subject} {i}", paths);
        }

        return this;
    }

    /// <summary>The best ten files for <paramref name="text"/>, with the signals <paramref name="without"/> off.</summary>
    public IReadOnlyList<RankedFile> Rank(string text, params string[] without)
    {
        var index = CodeIndex.FromTexts(_files.Select(f => (f.Key, "0", f.Value)));
        var history = _log.Count == 0 ? null : ChangeHistory.Parse(new StringReader(string.Concat(_log)));
        return CodeRanker.RankIndex(index, _files.GetValueOrDefault, text, CodeReferenceExtractor.Extract(text), 10, history, RankingOptions.Without(without));
    }

    /// <summary>The paths of <see cref="Rank"/>, best first.</summary>
    public List<string> Paths(string text, params string[] without) => [.. Rank(text, without).Select(r => r.Path)];

    /// <summary>Some lines of comments, to make a file long.</summary>
    public static string Filler(string word, int lines)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= lines; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"// {word} filler line {i}\n");
        }

        return text.ToString();
    }
}
