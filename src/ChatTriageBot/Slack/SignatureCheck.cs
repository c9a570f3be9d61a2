namespace ChatTriageBot.Slack;

/// <summary>The outcome of checking a request's Slack signature; only <see cref="Valid"/> lets it through.</summary>
internal enum SignatureCheck
{
    Valid = 0,
    MissingHeaders,
    MalformedTimestamp,
    OutsideWindow,
    UnknownVersion,
    Mismatch,
    NoSecretConfigured,
}
