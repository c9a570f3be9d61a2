using System.Globalization;

namespace ChatTriageBot.Triage;

/// <summary>
/// The published check digits (and date parts) of national identity numbers: a candidate that fails them is an order
/// number or a timestamp, not an identity number. The US SSN and the UK National Insurance number have no check digit;
/// their issuing rules (reserved areas and prefixes) are checked instead.
/// </summary>
internal static class NationalIds
{
    /// <summary>US Social Security number: area not 000, 666 or 9xx; group not 00; serial not 0000.</summary>
    public static bool IsUsSsn(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        return d.Length == 9 && d[..3] is not "000" and not "666" && d[0] != '9' && d[3..5] != "00" && d[5..] != "0000";
    }

    /// <summary>UK National Insurance number: two prefix letters HMRC issues, six digits, suffix A-D.</summary>
    public static bool IsUkNino(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        return v.Length == 9 && v[..2] is not ("BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ") && v[8] is >= 'A' and <= 'D';
    }

    /// <summary>German tax identification number (Steuer-IdNr): ISO 7064 MOD 11,10.</summary>
    public static bool IsGermanTaxId(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 11 || d[0] == '0')
        {
            return false;
        }

        var product = 10;
        for (var i = 0; i < 10; i++)
        {
            var sum = (d[i] - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        var check = 11 - product;
        return (check == 10 ? 0 : check) == d[10] - '0';
    }

    /// <summary>German identity card number (since 2010): nine characters and a 7-3-1 weighted check digit.</summary>
    public static bool IsGermanIdCard(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        if (v.Length != 10 || !char.IsAsciiDigit(v[9]) || !v.Any(char.IsAsciiDigit))
        {
            return false;
        }

        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += CharValue(v[i]) * weights[i % 3];
        }

        return sum % 10 == v[9] - '0';
    }

    /// <summary>French social security number (NIR): sex, birth year and month, place, order, and a key of 97 - n mod 97.</summary>
    public static bool IsFrenchNir(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        if (v.Length != 15)
        {
            return false;
        }

        var number = v[..13].Replace("2A", "19", StringComparison.Ordinal).Replace("2B", "18", StringComparison.Ordinal);
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || !int.TryParse(v[13..], NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return false;
        }

        return 97 - (n % 97) == key;
    }

    /// <summary>Spanish DNI (eight digits and a letter) or NIE (X, Y or Z, seven digits and a letter): the letter is n mod 23.</summary>
    public static bool IsSpanishId(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        if (v.Length != 9)
        {
            return false;
        }

        var digits = v[0] switch { 'X' => "0" + v[1..8], 'Y' => "1" + v[1..8], 'Z' => "2" + v[1..8], _ => v[..8] };
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23] == v[8];
    }

    /// <summary>Italian fiscal code: sixteen characters, the last a check letter over odd and even positions.</summary>
    public static bool IsItalianFiscalCode(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        if (v.Length != 16)
        {
            return false;
        }

        int[] odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = v[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? odd[index] : index;
        }

        return (char)('A' + (sum % 26)) == v[15];
    }

    /// <summary>Dutch citizen service number (BSN): the eleven test.</summary>
    public static bool IsDutchBsn(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 9 || d.All(c => c == '0'))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (d[i] - '0');
        }

        return (sum - (d[8] - '0')) % 11 == 0;
    }

    /// <summary>Belgian national register number: birth date, order, and 97 - n mod 97 (with a 2 in front for births from 2000).</summary>
    public static bool IsBelgianNationalNumber(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 11)
        {
            return false;
        }

        var n = long.Parse(d[..9], CultureInfo.InvariantCulture);
        var check = int.Parse(d[9..], CultureInfo.InvariantCulture);
        return 97 - (n % 97) == check || 97 - ((2_000_000_000 + n) % 97) == check;
    }

    /// <summary>Polish PESEL: weights 1-3-7-9 and a valid birth date (the month carries the century).</summary>
    public static bool IsPolishPesel(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 11)
        {
            return false;
        }

        int[] weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += weights[i] * (d[i] - '0');
        }

        var month = int.Parse(d[2..4], CultureInfo.InvariantCulture) % 20;
        return (10 - (sum % 10)) % 10 == d[10] - '0' && RedactionChecks.IsDate(2000, month, int.Parse(d[4..6], CultureInfo.InvariantCulture));
    }

    /// <summary>Swedish personal identity number (YYMMDD-NNNC, or with the century): a birth date (day + 60 for a coordination number) and Luhn.</summary>
    public static bool IsSwedishPersonalNumber(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length == 12)
        {
            d = d[2..];
        }

        if (d.Length != 10)
        {
            return false;
        }

        var day = int.Parse(d[4..6], CultureInfo.InvariantCulture);
        return RedactionChecks.IsDate(2000, int.Parse(d[2..4], CultureInfo.InvariantCulture), day > 60 ? day - 60 : day) && RedactionChecks.IsLuhn(d);
    }

    /// <summary>Finnish personal identity code (DDMMYYCZZZQ): a birth date, a century sign, and a check character mod 31.</summary>
    public static bool IsFinnishHetu(ReadOnlySpan<char> value)
    {
        var v = value.ToString().ToUpperInvariant();
        if (v.Length != 11 || !"+-ABCDEFYXWVU".Contains(v[6], StringComparison.Ordinal))
        {
            return false;
        }

        if (!int.TryParse(v[..6] + v[7..10], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        return IsDayMonthYear(v[..6]) && "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31] == v[10];
    }

    /// <summary>Danish CPR number: a birth date (DDMMYY) and four digits; the modulus 11 check was dropped in 2007.</summary>
    public static bool IsDanishCpr(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        return d.Length == 10 && IsDayMonthYear(d[..6]);
    }

    /// <summary>Norwegian national identity number: a birth date (day + 40 for a D number) and two mod-11 check digits.</summary>
    public static bool IsNorwegianId(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 11)
        {
            return false;
        }

        int[] first = [3, 7, 6, 1, 8, 9, 4, 5, 2];
        int[] second = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var k1 = Mod11(d, first);
        var k2 = Mod11(d, second);
        var day = int.Parse(d[..2], CultureInfo.InvariantCulture);
        return k1 == d[9] - '0' && k2 == d[10] - '0'
            && RedactionChecks.IsDate(2000, int.Parse(d[2..4], CultureInfo.InvariantCulture), day > 40 ? day - 40 : day);
    }

    /// <summary>Portuguese tax number (NIF): nine digits, the last a mod-11 check.</summary>
    public static bool IsPortugueseNif(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 9)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (d[i] - '0') * (9 - i);
        }

        var check = 11 - (sum % 11);
        return (check >= 10 ? 0 : check) == d[8] - '0';
    }

    /// <summary>Irish PPS number: seven digits, a check letter mod 23, and an optional second letter.</summary>
    public static bool IsIrishPps(ReadOnlySpan<char> value)
    {
        var v = Alphanumeric(value);
        if (v.Length is not (8 or 9) || !v[..7].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (v[i] - '0') * (8 - i);
        }

        if (v.Length == 9)
        {
            sum += v[8] == 'W' ? 0 : (v[8] - 'A' + 1) * 9;
        }

        return "WABCDEFGHIJKLMNOPQRSTUV"[sum % 23] == v[7];
    }

    /// <summary>Romanian personal numeric code (CNP): sex and century, a birth date, and a check digit (weights 279146358279).</summary>
    public static bool IsRomanianCnp(ReadOnlySpan<char> value)
    {
        var d = Digits(value);
        if (d.Length != 13 || d[0] == '0')
        {
            return false;
        }

        const string Weights = "279146358279";
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (d[i] - '0') * (Weights[i] - '0');
        }

        var check = sum % 11 == 10 ? 1 : sum % 11;
        return check == d[12] - '0' && RedactionChecks.IsDate(2000, int.Parse(d[3..5], CultureInfo.InvariantCulture), int.Parse(d[5..7], CultureInfo.InvariantCulture));
    }

    private static int Mod11(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * (digits[i] - '0');
        }

        var check = 11 - (sum % 11);
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }

    private static bool IsDayMonthYear(string ddmmyy) =>
        RedactionChecks.IsDate(2000, int.Parse(ddmmyy[2..4], CultureInfo.InvariantCulture), int.Parse(ddmmyy[..2], CultureInfo.InvariantCulture));

    private static int CharValue(char c) => char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;

    private static string Digits(ReadOnlySpan<char> value)
    {
        var digits = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    private static string Alphanumeric(ReadOnlySpan<char> value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToUpperInvariant(c));
            }
        }

        return text.ToString();
    }
}
