using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Slack;

/// <summary>
/// Verifies Slack's request signature (<c>v0</c>): HMAC-SHA256 over the raw body bytes as received, keyed by the
/// signing secret, compared in constant time; the timestamp must be within five minutes either way (replays and
/// far-future stamps are refused). Several secrets are accepted at once so one can be rotated without downtime.
/// </summary>
internal sealed class SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider timeProvider)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Version = "v0";
    private const int HexLength = 64;

    // Configuration is read once at start, so the secrets' key bytes are worked out once, not on every request.
    private readonly Lazy<byte[][]> _keys = new(() => [.. options.Value.AllSigningSecrets.Select(Encoding.UTF8.GetBytes)]);

    private static ReadOnlySpan<byte> VersionPrefix => "v0:"u8;

    public SignatureCheck Verify(ReadOnlySpan<byte> body, string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((timeProvider.GetUtcNow() - sent).Duration() > Window)
        {
            return SignatureCheck.OutsideWindow;
        }

        if (!signature.StartsWith(Version + "=", StringComparison.Ordinal))
        {
            return SignatureCheck.UnknownVersion;
        }

        var keys = _keys.Value;
        if (keys.Length == 0)
        {
            return SignatureCheck.NoSecretConfigured;
        }

        var given = signature.AsSpan(Version.Length + 1);
        if (given.Length != HexLength)
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> givenBytes = stackalloc byte[HexLength];
        Encoding.ASCII.GetBytes(given, givenBytes);
        Span<byte> expected = stackalloc byte[HexLength];
        var match = false;
        foreach (var key in keys)
        {
            ComputeHex(key, timestamp, body, expected);
            // Every secret is tried, so the time taken does not tell which one (or whether any) matched.
            match |= CryptographicOperations.FixedTimeEquals(expected, givenBytes);
        }

        return match ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send for this body (used by tests and benchmarks).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hex = stackalloc byte[HexLength];
        ComputeHex(Encoding.UTF8.GetBytes(secret), timestamp, body, hex);
        return Version + "=" + Encoding.ASCII.GetString(hex);
    }

    private static void ComputeHex(byte[] key, string timestamp, ReadOnlySpan<byte> body, Span<byte> hex)
    {
        // One-shot HMAC over "v0:{timestamp}:{body}" in a pooled buffer: no HMAC object is created per request.
        var prefixLength = VersionPrefix.Length + 1 + Encoding.UTF8.GetByteCount(timestamp);
        var message = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            VersionPrefix.CopyTo(message);
            var written = VersionPrefix.Length;
            written += Encoding.UTF8.GetBytes(timestamp, message.AsSpan(written));
            message[written++] = (byte)':';
            body.CopyTo(message.AsSpan(written));
            Span<byte> digest = stackalloc byte[32];
            HMACSHA256.HashData(key, message.AsSpan(0, written + body.Length), digest);
            const string Digits = "0123456789abcdef";
            for (var i = 0; i < digest.Length; i++)
            {
                hex[i * 2] = (byte)Digits[digest[i] >> 4];
                hex[(i * 2) + 1] = (byte)Digits[digest[i] & 0xF];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }
}
