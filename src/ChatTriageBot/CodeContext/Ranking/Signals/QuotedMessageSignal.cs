using System.Text.RegularExpressions;

namespace ChatTriageBot.CodeContext;

/// <summary>
/// A message the text quotes (an error after its exception type, a tool's diagnostic line, a quoted string) is in the
/// code that writes it: the files holding every term of it are read and searched for its literal text, its fixed part
/// (a formatted message's longest run between placeholders), or its words split over adjacent string literals. Code is
/// searched before tests and prose, then the files that match the request best, within a bounded number of reads and
/// amount of text per request.
/// </summary>
internal sealed class QuotedMessageSignal : IRankingSignal
{
    // A file holding the whole message wrote it.
    private const double MessageBoost = 2.5;

    // A file holding only its fixed part probably formats it.
    private const double MessageFragmentBoost = 1.5;

    // A message shorter than this (and without a long fixed part) is a word, found everywhere.
    private const int MinMessageLength = 8;

    // A fixed part shorter than this is too common a phrase to search for.
    private const int MinFragmentLength = 15;

    // At most this many candidate files per message: a message in more is a common phrase.
    private const int MaxMessageCandidates = 40;

    // At most this many file reads per request, whatever the number of messages.
    private const int MaxMessageReads = 80;

    // Reading a file from git costs about its size (inflating it and its deltas): at most this many indexed terms of
    // file text per request (about 1 MB).
    private const int MaxMessageTerms = 120_000;

    // The space between two words of a quoted message as source code may write it: spaces, or a string literal closed
    // and the next one opened on the following line (with a + between them or not).
    private const string LiteralBreak = @"(?:[ \t]+|[ \t]*[""'`][ \t]*\+?[ \t]*\\?\r?\n\s*\+?[ \t]*[rRbBuUfF]{0,2}[""'`][ \t]*)";

    // A split-literal search that takes longer than this on one file is given up (the file is large and the message
    // common).
    private static readonly TimeSpan MessageSearchTimeout = TimeSpan.FromMilliseconds(200);

    public string Name => "quoted-message";

    public void Apply(RankingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var index = context.Index;
        var paths = context.Paths;
        var reads = 0;
        long terms = 0;
        foreach (var message in context.References.Messages)
        {
            var fragment = LongestFragment(message.Text);
            if (message.Text.Length < MinMessageLength && fragment is null)
            {
                continue;
            }

            // Only files holding every term of the (shorter) fragment can contain it. The first and last terms are left
            // out when that still narrows the search enough, because a quote may start or end inside a word.
            var words = CodeTokenizer.Tokenize(fragment ?? message.Text);
            if (words.Count == 0)
            {
                continue;
            }

            var candidates = words.Count > 2 ? index.DocumentsWithAll(words[1..^1]) : [];
            if (candidates.Count == 0 || candidates.Count > MaxMessageCandidates)
            {
                candidates = index.DocumentsWithAll(words);
            }

            // A message quoted from a program is often in its translations too, dozens of large .po files: code first.
            var ordered = candidates.OrderBy(d => !paths.IsCode(d)).ThenByDescending(d => context.Bm25Scores[d]);
            Regex? split = null;
            foreach (var document in ordered.Take(MaxMessageCandidates))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (reads >= MaxMessageReads)
                {
                    return;
                }

                // A file bigger than what is left of the budget is passed over; smaller ones after it are still read.
                if (terms + index.Lengths[document] > MaxMessageTerms)
                {
                    continue;
                }

                reads++;
                terms += index.Lengths[document];

                if (context.Read(document) is not { } body)
                {
                    continue;
                }

                var at = body.IndexOf(message.Text, StringComparison.Ordinal);
                var full = at >= 0;
                if (!full && fragment is not null)
                {
                    at = body.IndexOf(fragment, StringComparison.Ordinal);
                }

                if (at < 0)
                {
                    split ??= SplitLiteralPattern(fragment ?? message.Text);
                    at = FindSplit(split, body);
                    full = fragment is null;
                }

                if (at < 0)
                {
                    continue;
                }

                var shown = full ? message.Text : fragment!;
                context.Evidence[document].Add(EvidenceKind.QuotedMessage, full ? MessageBoost : MessageFragmentBoost, $"contains \"{FileEvidence.Shorten(shown)}\"");
                context.Evidence[document].Ranges.Add(LineWindows.Around(LineWindows.LineOf(body, at)));
            }
        }
    }

    /// <summary>
    /// The message as source code writes a long one: adjacent string literals over several lines, joined or not by
    /// <c>+</c> (<c>"refers to the nonexistent field, "</c> then <c>"related field, or lookup"</c> on the next line).
    /// Null for a single word, which has nowhere to be split.
    /// </summary>
    private static Regex? SplitLiteralPattern(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length < 2
            ? null
            : new Regex(string.Join(LiteralBreak, words.Select(Regex.Escape)), RegexOptions.CultureInvariant, MessageSearchTimeout);
    }

    private static int FindSplit(Regex? pattern, string body)
    {
        try
        {
            return pattern?.Match(body) is { Success: true } found ? found.Index : -1;
        }
        catch (RegexMatchTimeoutException)
        {
            return -1;
        }
    }

    /// <summary>The longest run of the message between quotes, digits and colons (the fixed part of a formatted message).</summary>
    private static string? LongestFragment(string message)
    {
        var pieces = message.Split(['"', '\'', '`', ':', '{', '}', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '(', ')']);
        var longest = pieces.Select(p => p.Trim()).MaxBy(p => p.Length);
        return longest is { Length: >= MinFragmentLength } && longest != message ? longest : null;
    }
}
