using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatTriageBot.Triage;

/// <summary>
/// The checks that make a pattern's candidate a value worth redacting: published checksums (Luhn, mod-97, GitHub's
/// CRC32), card number ranges, the structure of DER-encoded private keys, randomness, and the signs that a value is
/// code (a variable, a call, a template) or a placeholder rather than a password.
/// </summary>
internal static class RedactionChecks
{
    /// <summary>Luhn's check (card numbers, Swedish and Canadian identity numbers).</summary>
    public static bool IsLuhn(ReadOnlySpan<char> candidate)
    {
        var sum = 0;
        var count = 0;
        for (var i = candidate.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(candidate[i]))
            {
                continue;
            }

            var d = candidate[i] - '0';
            if (count++ % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return count > 0 && sum % 10 == 0;
    }

    /// <summary>
    /// A payment card number: 12 to 19 digits, not all the same, in a card network's number range with that network's
    /// lengths (Visa, Mastercard, American Express, Discover, Diners, JCB, UnionPay, Maestro, Mir), passing Luhn's check.
    /// A 13-digit millisecond timestamp (starting with 1) or an order number outside those ranges is not one.
    /// </summary>
    public static bool IsCardNumber(ReadOnlySpan<char> candidate)
    {
        Span<char> digits = stackalloc char[19];
        var n = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 19)
                {
                    return false;
                }

                digits[n++] = c;
            }
        }

        digits = digits[..n];
        if (n < 12 || !digits.ContainsAnyExcept(digits[0]))
        {
            return false;
        }

        var two = ((digits[0] - '0') * 10) + digits[1] - '0';
        var four = (two * 100) + ((digits[2] - '0') * 10) + digits[3] - '0';
        var inRange = digits[0] switch
        {
            '4' => n is 13 or 16 or 19,
            '5' => two <= 55 ? n is 16 || (two == 50 && n >= 12) : n >= 12,
            '2' => (four is >= 2221 and <= 2720 && n == 16) || (four is >= 2200 and <= 2204 && n >= 16),
            '3' => (two is 34 or 37 && n == 15) || (two is 36 or 38 or 39 || four is >= 3000 and <= 3059 ? n >= 14 : four is >= 3528 and <= 3589 && n >= 16),
            '6' => n >= 12,
            _ => false,
        };
        return inRange && IsLuhn(digits);
    }

    /// <summary>ISO 13616's mod-97 check of an IBAN (spaces allowed), with its length.</summary>
    public static bool IsIban(ReadOnlySpan<char> candidate)
    {
        Span<char> iban = stackalloc char[34];
        var n = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (n == 34)
                {
                    return false;
                }

                iban[n++] = char.ToUpperInvariant(c);
            }
        }

        if (n < 15)
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < n; k++)
        {
            var c = iban[(k + 4) % n];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    /// <summary>
    /// GitHub's (and npm's) token checksum: the last six characters are the CRC32 of the thirty random characters
    /// after the prefix, in base 62, padded with zeros.
    /// </summary>
    public static bool HasTokenChecksum(ReadOnlySpan<char> token)
    {
        var underscore = token.IndexOf('_');
        var body = token[(underscore + 1)..];
        if (body.Length != 36)
        {
            return false;
        }

        Span<byte> random = stackalloc byte[30];
        for (var i = 0; i < 30; i++)
        {
            random[i] = (byte)body[i];
        }

        return body[30..].SequenceEqual(Base62(System.IO.Hashing.Crc32.HashToUInt32(random), 6));
    }

    /// <summary><paramref name="value"/> in base 62 (0-9, A-Z, a-z), left-padded with zeros to <paramref name="width"/>.</summary>
    public static string Base62(uint value, int width)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var text = new StringBuilder();
        do
        {
            text.Insert(0, Alphabet[(int)(value % 62)]);
            value /= 62;
        }
        while (value > 0);
        return text.ToString().PadLeft(width, '0');
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = (double)other / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    /// <summary>
    /// A generated secret rather than a word or a name: letters and digits mixed, and at least 3.3 bits of entropy per
    /// character (code such as <c>token = source.Token</c> and words such as <c>secret = "changeit"</c> are not).
    /// </summary>
    public static bool LooksRandom(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('0', '9') >= 0 && value.IndexOfAny(Letters) >= 0 && Entropy(value) >= 3.3;

    /// <summary>
    /// A password written as a value (<c>password: hunter2</c>, <c>"password": "s3cret"</c>) rather than code or a
    /// template: not a variable, a call, an attribute, a type, an empty or masked value, or a placeholder.
    /// </summary>
    public static bool IsPasswordValue(ReadOnlySpan<char> value, bool quoted)
    {
        if (value.Length < (quoted ? 3 : 4) || IsPlaceholder(value) || !value.ContainsAnyExcept(value[0]))
        {
            return false;
        }

        var lower = value.ToString().ToLowerInvariant();
        if (CodeWords.Contains(lower))
        {
            return false;
        }

        if (quoted)
        {
            // A template or a format string, not a value: "%(password)s", "{password}", "${PW}".
            return !value.Contains("%(", StringComparison.Ordinal) && !value.Contains("${", StringComparison.Ordinal) && value.IndexOf('{') < 0;
        }

        // Unquoted, it may be code: a call, an index, an attribute path, or a variable named after what it holds.
        if (value.IndexOfAny(Brackets) >= 0)
        {
            return false;
        }

        // A variable: letters only in snake_case or camelCase, or named after what it holds (raw_password, pwd2).
        var identifier = value.IndexOfAny(NonIdentifier) < 0;
        var digits = value.IndexOfAnyInRange('0', '9') >= 0;
        if (identifier && ((!digits && (value.Contains('_') || value.Length < 6 || HasCamelHump(value)))
            || lower.Contains("pass", StringComparison.Ordinal) || lower.Contains("pwd", StringComparison.Ordinal) || lower.Contains("secret", StringComparison.Ordinal)))
        {
            return false;
        }

        return !IsAttributePath(value);
    }

    /// <summary>
    /// An unquoted password value that code follows (<c>pass = client ? a : b</c>, <c>System.`in`</c>): a name made of
    /// letters only, followed by an operator, a call or a member access, is a variable.
    /// </summary>
    public static bool IsFollowedByCode(ReadOnlySpan<char> value, ReadOnlySpan<char> after)
    {
        var next = after.TrimStart(" \t");
        return value.IndexOfAnyInRange('0', '9') < 0 && value.IndexOfAny(NonIdentifier) < 0
            && next.Length > 0 && next[0] is '?' or '(' or '.' or '[' or '+' or '*' or '/' or '%' or '&' or '|' or '^' or '!' or '<' or '>' or '=' or ',' or ')' or ';';
    }

    /// <summary>Upper- and lower-case letters both.</summary>
    public static bool HasMixedCase(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('A', 'Z') >= 0 && value.IndexOfAnyInRange('a', 'z') >= 0;

    /// <summary>A name in code rather than a generated value: an attribute path (<c>self.get_id</c>) or snake_case words (<c>first_order_homogeneous</c>).</summary>
    public static bool IsCodeName(ReadOnlySpan<char> value)
    {
        if (IsAttributePath(value))
        {
            return true;
        }

        var words = 0;
        foreach (var part in value.ToString().Split('_'))
        {
            words += part.Length >= 3 && part.All(char.IsAsciiLetterLower) ? 1 : 0;
        }

        return words >= 2;
    }

    /// <summary>A value that stands for one (<c>${DB_PASSWORD}</c>, <c>&lt;password&gt;</c>, <c>****</c>, <c>%(pw)s</c>, <c>{{ secret }}</c>).</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> value) =>
        value.IsEmpty || value[0] is '$' or '<' or '{' or '%' or '*' or '#' or '@' or ':' or '`' or '/' or '\\' or '&' or '?' or '…'
        || value.StartsWith("...") || value.StartsWith("xxx", StringComparison.OrdinalIgnoreCase) || value.IndexOf("(") == 0
        || value.StartsWith("os.") || value.StartsWith("env") || value.StartsWith("process.env") || value.StartsWith("getenv");

    /// <summary>A placeholder, or a word that names a secret instead of being one (<c>https://user:token@host</c>).</summary>
    public static bool IsPlaceholderWord(ReadOnlySpan<char> value) =>
        IsPlaceholder(value) || CodeWords.Contains(value.ToString().ToLowerInvariant()) || value is "token" or "TOKEN" or "pat" or "PAT" or "apikey" or "key" or "pw" or "PW";

    /// <summary>Letters only, as words in camelCase or PascalCase (<c>AuthenticationHeaderValue</c>, <c>botToken</c>): a name in code.</summary>
    public static bool IsWordsInCase(ReadOnlySpan<char> value)
    {
        if (value.Length < 2 || !char.IsAsciiLetter(value[0]))
        {
            return false;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetter(c) || (char.IsAsciiLetterUpper(c) && (i + 1 >= value.Length || !char.IsAsciiLetterLower(value[i + 1]))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>At least <paramref name="min"/> and at most <paramref name="max"/> digits.</summary>
    public static bool DigitCount(ReadOnlySpan<char> value, int min, int max)
    {
        var digits = 0;
        foreach (var c in value)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits >= min && digits <= max;
    }

    /// <summary>
    /// An IP address that identifies somebody: not loopback, unspecified or documentation (unless
    /// <see cref="RedactionOptions.KeepReservedAddresses"/> is off), not a network mask, and not a version number
    /// (four single-digit parts, <c>v1.2.3.4</c>, or one the text calls a version).
    /// </summary>
    public static bool IsPersonalAddress(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan;
        if (!IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            // Four single-digit parts are a version (1.0.4.2); 0.x, 1.x and 2.x with a small second part an OID (2.5.4.11).
            if (bytes[0] < 10 && bytes[1] < 10 && bytes[2] < 10 && bytes[3] < 10 || IsMask(bytes) || bytes[0] == 0 || bytes[0] <= 2 && bytes[1] <= 9)
            {
                return false;
            }

            if (candidate.Options.KeepReservedAddresses && (bytes[0] == 127 || bytes is [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _]))
            {
                return false;
            }

            if (CalledVersion(candidate.LineBefore(30)))
            {
                return false;
            }
        }
        else if (candidate.Options.KeepReservedAddresses)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any) || bytes is [0x20, 0x01, 0x0d, 0xb8, ..])
            {
                return false;
            }
        }

        // An IPv6 pattern also matches Python slices (1::2) and hex words with colons; a real address has a digit and a
        // group of three or four hex digits (2001:, fe80:).
        return address.AddressFamily == AddressFamily.InterNetwork
            || value.IndexOfAnyInRange('0', '9') >= 0 && value.Count(':') >= 2 && HasLongGroup(value);
    }

    /// <summary>
    /// A DER-encoded private key in base64 (PKCS#1 RSA or DSA, PKCS#8 plain or encrypted, SEC1 EC, PKCS#12): the
    /// structure's first bytes say so. Certificates and public keys, which start the same way, are not.
    /// </summary>
    public static bool IsDerPrivateKey(ReadOnlySpan<char> base64)
    {
        Span<char> head = stackalloc char[64];
        var n = 0;
        for (var i = 0; i < base64.Length && n < 64; i++)
        {
            var c = base64[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                head[n++] = c;
            }
            else if (c == '\\' && i + 1 < base64.Length && base64[i + 1] is 'n' or 'r')
            {
                i++;
            }
        }

        n -= n % 4;
        Span<byte> der = stackalloc byte[48];
        if (n < 16 || !Convert.TryFromBase64Chars(head[..n], der, out var length))
        {
            return false;
        }

        der = der[..length];
        if (der.Length < 12 || der[0] != 0x30)
        {
            return false;
        }

        var at = der[1] switch { 0x82 => 4, 0x81 => 3, < 0x80 => 2, _ => -1 };
        if (at < 0 || der.Length < at + 5)
        {
            return false;
        }

        var inner = der[at..];
        return inner switch
        {
            // version 0: PKCS#1 RSA/DSA (an INTEGER follows) or PKCS#8 (an AlgorithmIdentifier SEQUENCE follows)
            [0x02, 0x01, 0x00, 0x02 or 0x30, ..] => true,
            // version 1: SEC1 EC private key (an OCTET STRING follows); version 3: PKCS#12 (the auth safe follows)
            [0x02, 0x01, 0x01, 0x04, ..] => true,
            [0x02, 0x01, 0x03, 0x30, ..] => true,
            // Encrypted PKCS#8: an AlgorithmIdentifier with a PKCS#5 or PKCS#12 password-based encryption OID.
            [0x30, _, 0x06, _, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05 or 0x0C, ..] => true,
            _ => false,
        };
    }

    /// <summary>A real calendar date (two-digit years are read as 19xx or 20xx, whichever is not in the future).</summary>
    public static bool IsDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 0 and <= 9999 && day <= DateTime.DaysInMonth(year == 0 ? 2000 : year, month);

    private static bool CalledVersion(ReadOnlySpan<char> before)
    {
        var text = before.TrimEnd(" \t:=#\"'([");
        if (text.EndsWith("v", StringComparison.OrdinalIgnoreCase) && (text.Length == 1 || !char.IsAsciiLetter(text[^2])))
        {
            return true;
        }

        foreach (var word in VersionWords)
        {
            if (text.EndsWith(word, StringComparison.OrdinalIgnoreCase)
                || text.EndsWith(word + " is", StringComparison.OrdinalIgnoreCase)
                || text.EndsWith(word + " number", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLongGroup(ReadOnlySpan<char> value)
    {
        var run = 0;
        foreach (var c in value)
        {
            run = char.IsAsciiHexDigit(c) ? run + 1 : 0;
            if (run >= 3)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMask(ReadOnlySpan<byte> bytes)
    {
        var bits = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return bytes[0] == 255 && (~bits & (~bits + 1)) == 0;
    }

    private static bool HasCamelHump(ReadOnlySpan<char> value)
    {
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsAsciiLetterUpper(value[i]) && char.IsAsciiLetterLower(value[i - 1]) && char.IsAsciiLetterLower(value[0]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAttributePath(ReadOnlySpan<char> value)
    {
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1 || !char.IsAsciiLetter(value[0]) && value[0] != '_')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(value[dot + 1]) || value[dot + 1] == '_';
    }

    private static readonly SearchValues<char> Brackets = SearchValues.Create("()[]{}");

    private static readonly SearchValues<char> Letters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly SearchValues<char> NonIdentifier = SearchValues.Create(
        " !\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~");

    private static readonly string[] VersionWords =
        ["version", "versions", "ver", "ver.", "release", "build", "revision", "rev", "assembly", "firmware", "runtime", "sdk", "update", "upgraded to", "upgrade to", "downgraded to", "patch"];

    private static readonly HashSet<string> CodeWords = new(StringComparer.Ordinal)
    {
        "none", "null", "nil", "true", "false", "undefined", "str", "string", "bool", "boolean", "int", "integer", "optional",
        "required", "text", "password", "passwd", "passphrase", "pwd", "pass", "secret", "hidden", "redacted", "masked", "self",
        "this", "any", "object", "value", "default", "type", "field", "input", "prompt", "blank", "empty", "unknown", "example",
        "placeholder", "dummy", "sample", "test", "char", "varchar", "bytes", "byte", "secretstr", "charfield", "new", "old",
        "unset", "same", "yes", "no", "on", "off", "omitted", "removed", "sensitive", "notset", "not set", "invalid", "wrong",
        "return", "null;", "false;", "true;", "none,", "nil,", "undef", "void", "auto", "const", "let", "var", "def", "fn", "func",
    };
}
