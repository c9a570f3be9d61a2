using System.Globalization;
using System.Text;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>Random characters for the samples, from a seeded <see cref="Random"/> so every run makes the same values.</summary>
public sealed class SampleGenerator(Random random)
{
    public const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    public const string Lower = "abcdefghijklmnopqrstuvwxyz";
    public const string DigitChars = "0123456789";
    public const string AlphaNumeric = Upper + Lower + DigitChars;
    public const string HexChars = "0123456789abcdef";
    public const string Base64Chars = AlphaNumeric + "+/";
    public const string Base64UrlChars = AlphaNumeric + "-_";

    public Random Random => random;

    public int Next(int min, int max) => random.Next(min, max);

    public T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    public string Chars(string alphabet, int count)
    {
        var text = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    /// <summary>Letters and digits, with at least one digit, one upper-case and one lower-case letter (as generated secrets have).</summary>
    public string Mixed(int count, string alphabet = AlphaNumeric)
    {
        var chars = Chars(alphabet, count).ToCharArray();
        chars[1] = DigitChars[random.Next(10)];
        chars[2] = Upper[random.Next(26)];
        chars[3] = Lower[random.Next(26)];
        return new string(chars);
    }

    public string Digits(int count) => Chars(DigitChars, count);

    public string Hex(int count) => Chars(HexChars, count);

    public string Letters(int count) => Chars(Upper + Lower, count);

    public byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A password as people choose them: starts with a letter, has a digit and some punctuation.</summary>
    public string Password() => Letters(1) + Mixed(random.Next(9, 16), AlphaNumeric + "!#%^*_-+=~") + Digits(1);

    /// <summary>Base64 of <paramref name="prefix"/> and random bytes, in lines of <paramref name="width"/> characters.</summary>
    public IReadOnlyList<string> Base64Lines(byte[] prefix, int randomBytes, int width = 64)
    {
        var base64 = Convert.ToBase64String([.. prefix, .. Bytes(randomBytes)]);
        return [.. base64.Chunk(width).Select(c => new string(c))];
    }

    /// <summary>Completes <paramref name="digits"/> with Luhn's check digit.</summary>
    public static string WithLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return digits + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A random date of birth between 1940 and 2005.</summary>
    public DateOnly BirthDate() => new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 65));
}
