namespace ChatTriageBot.Triage;

/// <summary>A log record's state after redaction: the redacted message, and its values with text redacted (numbers and the message template as they were).</summary>
internal sealed class RedactedLogState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message => message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => message;

    /// <summary>
    /// The values with their text redacted, or null when none needed it. A value written whole in
    /// <paramref name="cleanMessage"/> (the formatted message, when it had nothing to redact) has nothing either.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, object?>>? RedactValues(IReadOnlyList<KeyValuePair<string, object?>> values, Redactor redactor, string? cleanMessage = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(redactor);
        List<KeyValuePair<string, object?>>? redacted = null;
        for (var i = 0; i < values.Count; i++)
        {
            var (key, value) = values[i];
            if (key == "{OriginalFormat}" || value is null or bool or int or long or double or decimal or float or short or byte or Enum or DateTimeOffset or DateTime or TimeSpan or Guid)
            {
                continue;
            }

            var text = value.ToString() ?? string.Empty;
            if (cleanMessage is not null && cleanMessage.Contains(text, StringComparison.Ordinal))
            {
                continue;
            }

            var result = redactor.Redact(text);
            if (result.Total > 0)
            {
                redacted ??= [.. values];
                redacted[i] = new KeyValuePair<string, object?>(key, result.Text);
            }
        }

        return redacted;
    }
}
