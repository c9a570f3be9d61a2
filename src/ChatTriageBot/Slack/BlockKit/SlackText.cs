namespace ChatTriageBot.Slack.BlockKit;

/// <summary>Fits text into a Slack limit, cutting it visibly and without breaking mrkdwn markup.</summary>
internal static class SlackText
{
    /// <summary>Ends every cut text whose limit leaves room for it.</summary>
    public const string TruncationMarker = Ellipsis + TruncatedSuffix;

    /// <summary>The words after the ellipsis in <see cref="TruncationMarker"/>.</summary>
    public const string TruncatedSuffix = " (truncated)";

    /// <summary>The ending used when the limit is too small for <see cref="TruncationMarker"/>.</summary>
    public const string Ellipsis = "…";

    private const string Fence = "```";

    /// <summary>
    /// Returns <paramref name="text"/> unchanged when it fits in <paramref name="limit"/>; otherwise a prefix ending
    /// in <see cref="TruncationMarker"/> (or <see cref="Ellipsis"/> for short limits) of at most that length. For
    /// mrkdwn the cut never splits an entity (<c>&amp;amp;</c>) or a control sequence (<c>&lt;…&gt;</c>), and an open
    /// code fence is closed.
    /// </summary>
    public static string Fit(string text, int limit, bool mrkdwn, out bool truncated)
    {
        truncated = text.Length > limit;
        if (!truncated)
        {
            return text;
        }

        var marker = limit >= 2 * TruncationMarker.Length ? TruncationMarker : Ellipsis;
        var reserve = mrkdwn ? Fence.Length + 1 : 0;
        var budget = Math.Max(0, limit - marker.Length - reserve);
        var keep = text.AsSpan(0, budget);

        if (mrkdwn)
        {
            keep = PreferLineEnd(keep);
            keep = CutBeforeOpen(keep, '&', ';', maxOpenLength: 6);
            keep = CutBeforeOpen(keep, '<', '>', maxOpenLength: int.MaxValue);
        }

        keep = KeepWholeSurrogates(keep).TrimEnd();
        var result = keep.ToString();
        if (mrkdwn && CountFences(result) % 2 == 1)
        {
            return result + "\n" + Fence + marker;
        }

        return result + marker;
    }

    /// <summary>Splits mrkdwn into chunks of at most <paramref name="limit"/> chars at line ends (see <see cref="SectionBlock.Split"/>).</summary>
    public static IReadOnlyList<string> SplitLines(string mrkdwn, int limit)
    {
        var chunks = new List<string>();
        var lines = mrkdwn.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var current = new System.Text.StringBuilder();
        var inFence = false;

        // Room to close a fence at the end of a chunk ("\n```").
        var budget = limit - (Fence.Length + 1);

        void Flush()
        {
            if (current.Length == 0)
            {
                return;
            }

            if (inFence)
            {
                current.Append('\n').Append(Fence);
            }

            var chunk = current.ToString();
            if (!string.IsNullOrWhiteSpace(chunk) && chunk != Fence + "\n" + Fence)
            {
                chunks.Add(chunk);
            }

            current.Clear();
            if (inFence)
            {
                current.Append(Fence);
            }
        }

        foreach (var rawLine in lines)
        {
            var line = rawLine;

            // A single line longer than a chunk is cut into pieces without breaking entities or surrogates.
            while (line.Length > budget - (Fence.Length + 1))
            {
                var piece = LongLinePiece(line, budget - (Fence.Length + 1));
                Append(piece);
                Flush();
                line = line[piece.Length..];
            }

            Append(line);
            if (CountFences(line) % 2 == 1)
            {
                inFence = !inFence;
            }
        }

        Flush();
        return chunks;

        void Append(string line)
        {
            var extra = (current.Length == 0 ? 0 : 1) + line.Length;
            if (current.Length + extra > budget)
            {
                Flush();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(line);
        }
    }

    private static string LongLinePiece(string line, int size)
    {
        var keep = line.AsSpan(0, size);
        var cut = CutBeforeOpen(keep, '&', ';', maxOpenLength: 6);
        cut = CutBeforeOpen(cut, '<', '>', maxOpenLength: 500);
        cut = KeepWholeSurrogates(cut);
        if (cut.Length == 0)
        {
            cut = KeepWholeSurrogates(keep);
        }

        return cut.ToString();
    }

    private static ReadOnlySpan<char> PreferLineEnd(ReadOnlySpan<char> keep)
    {
        var newline = keep.LastIndexOf('\n');
        return newline > 0 && newline >= keep.Length * 4 / 5 ? keep[..newline] : keep;
    }

    private static ReadOnlySpan<char> CutBeforeOpen(ReadOnlySpan<char> keep, char open, char close, int maxOpenLength)
    {
        var index = keep.LastIndexOf(open);
        if (index < 0 || keep[index..].Contains(close) || keep.Length - index > maxOpenLength)
        {
            return keep;
        }

        return keep[..index];
    }

    private static ReadOnlySpan<char> KeepWholeSurrogates(ReadOnlySpan<char> keep) =>
        keep.Length > 0 && char.IsHighSurrogate(keep[^1]) ? keep[..^1] : keep;

    private static int CountFences(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var index = text.IndexOf(Fence); index >= 0;)
        {
            count++;
            var next = text[(index + Fence.Length)..].IndexOf(Fence);
            index = next < 0 ? -1 : index + Fence.Length + next;
        }

        return count;
    }
}
