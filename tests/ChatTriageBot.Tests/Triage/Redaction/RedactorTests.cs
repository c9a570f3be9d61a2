using ChatTriageBot.Triage;

namespace ChatTriageBot.Tests.Triage.Redaction;

public sealed class RedactorTests
{
    public static TheoryData<string> FormatIds => [.. RedactionFormats.All.Select(f => f.Id)];

    [Fact]
    public void Catalogue_HasSixtyFormatsOrMore_EachWithASampleGenerator()
    {
        var ids = RedactionFormats.All.Select(f => f.Id).ToList();

        Assert.True(ids.Count >= 60, $"only {ids.Count} formats");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), RedactionSamples.FormatIds.Order(StringComparer.Ordinal));
        Assert.All(RedactionFormats.All, f => Assert.Contains(f.Kind, RedactionKinds.All));
    }

    /// <summary>
    /// The engine lists only number runs of <see cref="NumberRun.MinDigits"/> digits or more: no number format may accept a
    /// shorter run, or what it looks for would go unsearched. Every shape of a shorter run is offered to each format.
    /// </summary>
    [Fact]
    public void NumberFormats_AcceptNoRunShorterThanTheEngineLists()
    {
        var accepted = new List<string>();
        foreach (var format in RedactionFormats.All.Where(f => f.Numbers is not null))
        {
            for (var digits = 0; digits < NumberRun.MinDigits; digits++)
            {
                for (var first = 0; first <= digits; first++)
                {
                    for (var separators = 0; separators < 16; separators++)
                    {
                        for (var flags = 0; flags < 32; flags++)
                        {
                            var run = new NumberRun(10, 30, digits, first, separators & 3, separators >> 2, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, (flags & 16) != 0);
                            if (format.Numbers!(run))
                            {
                                accepted.Add($"{format.Id}: {run}");
                            }
                        }
                    }
                }
            }
        }

        Assert.Empty(accepted);
    }

    /// <summary>The format × context table: one random value (fixed seed per cell) of the format in each context must be caught.</summary>
    [Theory]
    [MemberData(nameof(FormatIds))]
    public void Format_InEveryContext_IsCaught(string formatId)
    {
        var missed = new List<string>();
        for (var c = 0; c < RedactionContexts.All.Count; c++)
        {
            var (context, write) = RedactionContexts.All[c];
            var sample = RedactionSamples.Make(formatId, new Random(Seed(formatId, c)));
            var text = write(sample.Text);

            var result = new Redactor().Redact(text);

            if (Leaks.Find(result.Text, sample.Secrets) is { } leaked)
            {
                missed.Add($"[{context}] {leaked}\n  in:  {text.ReplaceLineEndings("⏎")}\n  out: {result.Text.ReplaceLineEndings("⏎")}");
            }
        }

        Assert.True(missed.Count == 0, $"{formatId}: missed in {missed.Count} of {RedactionContexts.All.Count} contexts:\n{string.Join('\n', missed)}");
    }

    [Theory]
    [MemberData(nameof(FormatIds))]
    public void Format_Alone_BecomesAPlaceholderOfItsKind_AndIsCounted(string formatId)
    {
        var kind = RedactionFormats.All.Single(f => f.Id == formatId).Kind;
        for (var i = 0; i < 5; i++)
        {
            var sample = RedactionSamples.Make(formatId, new Random(Seed(formatId, 1000 + i)));

            var result = new Redactor().Redact(sample.Text);

            Assert.Null(Leaks.Find(result.Text, sample.Secrets));
            Assert.Contains($"<{kind}_1>", result.Text, StringComparison.Ordinal);
            Assert.True(result.Counts.GetValueOrDefault(kind) >= 1, $"{formatId}: {result.Receipt}");
        }
    }

    /// <summary>The cases of issue 22 that reached the model, and published examples of the checked formats.</summary>
    [Theory]
    [InlineData("... paid with card 4111 1111 1111 1111.", "4111 1111 1111 1111", "CARD")]
    [InlineData("curl -H 'Authorization: Basic YWxhZGRpbjpvcGVuc2VzYW1l' https://api.example.com", "YWxhZGRpbjpvcGVuc2VzYW1l", "CREDENTIAL")]
    [InlineData("Authorization: Bearer 8f3kLq2mZx9vB7nR4tYw1pHs6dJc0aEu", "8f3kLq2mZx9vB7nR4tYw1pHs6dJc0aEu", "CREDENTIAL")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "CREDENTIAL")]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "CREDENTIAL")]
    [InlineData("token ghp_16C7e42F292c6912E7710c838347Ae178B4a in the CI log", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "CREDENTIAL")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 for the refund", "3704 0044 0532", "IBAN")]
    [InlineData("pay to GB82WEST12345698765432", "GB82WEST12345698765432", "IBAN")]
    [InlineData("SSN 078-05-1120 on file", "078-05-1120", "NATIONAL_ID")]
    [InlineData("NI number AB 12 34 56 C", "AB 12 34 56 C", "NATIONAL_ID")]
    [InlineData("Steuer-IdNr: 86095742719", "86095742719", "NATIONAL_ID")]
    [InlineData("Ausweisnummer T220001293", "T220001293", "NATIONAL_ID")]
    [InlineData("NIR 2 55 08 14 168 025 38", "2 55 08 14 168 025 38", "NATIONAL_ID")]
    [InlineData("DNI 12345678Z", "12345678Z", "NATIONAL_ID")]
    [InlineData("codice fiscale RSSMRA85T10A562S", "RSSMRA85T10A562S", "NATIONAL_ID")]
    [InlineData("BSN: 111222333", "111222333", "NATIONAL_ID")]
    [InlineData("rijksregisternummer 85.07.30-033.28", "85.07.30-033.28", "NATIONAL_ID")]
    [InlineData("PESEL 44051401359", "44051401359", "NATIONAL_ID")]
    [InlineData("personnummer 811228-9874", "811228-9874", "NATIONAL_ID")]
    [InlineData("HETU 131052-308T", "131052-308T", "NATIONAL_ID")]
    [InlineData("fødselsnummer 01010750160", "01010750160", "NATIONAL_ID")]
    [InlineData("NIF 123456789", "123456789", "NATIONAL_ID")]
    [InlineData("PPS No 1234567T", "1234567T", "NATIONAL_ID")]
    [InlineData("CNP 1800101221144", "1800101221144", "NATIONAL_ID")]
    [InlineData("BIC: DEUTDEFF500", "DEUTDEFF500", "BIC")]
    [InlineData("Jane Doe, DOB: 14/03/1985", "14/03/1985", "DATE_OF_BIRTH")]
    [InlineData("Shipping address: 221B Baker Street, London NW1 6XE", "221B Baker Street", "ADDRESS")]
    [InlineData("Password: correcthorse9", "correcthorse9", "PASSWORD")]
    [InlineData("PASSWD=Tr0ub4dor&3", "Tr0ub4dor&3", "PASSWORD")]
    [InlineData("pwd=pa55w0rd;", "pa55w0rd", "PASSWORD")]
    [InlineData("Cookie: sessionid=8f3kLq2mZx9vB7nR4tYw1pHs; theme=dark", "8f3kLq2mZx9vB7nR4tYw1pHs", "SESSION")]
    [InlineData("postgresql://app_user:WP1RjYB#w!x?7@db.internal:5432/shop", "WP1RjYB#w!x?7", "PASSWORD")]
    [InlineData("ftp://deploy:Kq9#rT?2mZ@files.acme-corp.com/releases", "Kq9#rT?2mZ", "PASSWORD")]
    public void KnownValue_IsRedactedAsItsKind(string text, string secret, string kind)
    {
        var result = new Redactor().Redact(text);

        Assert.Null(Leaks.Find(result.Text, [secret]));
        Assert.Contains($"<{kind}_1>", result.Text, StringComparison.Ordinal);
    }

    /// <summary>What an engineer needs to diagnose must survive redaction.</summary>
    [Theory]
    [InlineData("fixed in commit 3f2c9e1a7b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f and 3f2c9e1")]
    [InlineData("request id 123e4567-e89b-12d3-a456-426614174000 failed")]
    [InlineData("after upgrading from 1.2.3 to 2.0.0-rc.1 and v3.1")]
    [InlineData("assembly Shop.Core, Version=1.0.4.2, Culture=neutral; also 1.1.2.2 and 4.0.30319.42000")]
    [InlineData("the installer reports version 10.20.30.40 after the update")]
    [InlineData("running on 127.0.0.1:8080, ::1 and 192.0.2.15; docs use 198.51.100.7 and 2001:db8::1")]
    [InlineData("netmask 255.255.255.0, bind 0.0.0.0:5000")]
    [InlineData("at Shop.Checkout.CartService.Total(Cart cart) in /src/Shop/Checkout/CartService.cs:line 14")]
    [InlineData("  File \"/usr/lib/python3/site-packages/django/db/models/query.py\", line 1234, in get")]
    [InlineData("System.InvalidOperationException: Sequence contains no elements")]
    [InlineData("KeyError: 'customer_id' raised by TypeError: unsupported operand type(s)")]
    [InlineData("2024-05-01T10:22:33.123Z and 2024-05-01 10:22:33,123 and epoch 1714557753 and 1714557753123 ms")]
    [InlineData("segfault at 0x7ffd5e8c2a10 ip 00007f3a2b1c4d5e")]
    [InlineData("listening on port 5432, connect to localhost:6379")]
    [InlineData("HTTP/1.1 503 Service Unavailable, then status=404 and 200 OK")]
    [InlineData("order #100200300, ticket ZD-48213, order number 4111111111111112, invoice 2024-000123")]
    [InlineData("token = source.Token; password = request.POST['password']; self.password = password")]
    [InlineData("def set_password(self, raw_password): user.password = make_password(raw_password)")]
    [InlineData("password: str = None, api_key: Optional[str] = None")]
    [InlineData("git@github.com:acme/shop.git")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01")]
    [InlineData("build 1234567890123 failed")]
    [InlineData("Authorization: Bearer <token>, Password=${DB_PASSWORD}; secret: {{ secret }}")]
    public void Facts_SurviveRedaction(string text)
    {
        var result = new Redactor().Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void ReservedAddresses_AreRedacted_WhenConfiguredSo()
    {
        var result = new Redactor(new RedactionOptions { KeepReservedAddresses = false }).Redact("from 127.0.0.1 and 192.0.2.15");

        Assert.Equal("from <IP_1> and <IP_2>", result.Text);
    }

    [Fact]
    public void Redact_SameValueTwice_GetsTheSamePlaceholder_AndOtherValuesGetNewOnes()
    {
        var redactor = new Redactor();

        var first = redactor.Redact("from a@example.com to b@example.com");
        var second = redactor.Redact("again a@example.com, card 4111-1111-1111-1111 and 4111 1111 1111 1111");

        Assert.Equal("from <EMAIL_1> to <EMAIL_2>", first.Text);
        Assert.Equal("again <EMAIL_1>, card <CARD_1> and <CARD_1>", second.Text);
        Assert.Equal("redacted 2 email", first.Receipt);
        Assert.Equal("redacted 2 card, 3 email", redactor.Receipt);
    }

    [Fact]
    public void MultiLineValue_KeepsTheLineCount_AndRestoreGivesTheOriginalBack()
    {
        var redactor = new Redactor();
        var sample = RedactionSamples.Make("pem-private-key", new Random(7));
        var text = $"line 1\nkey = \"\"\"\n{sample.Text}\n\"\"\"\nline after";

        var redacted = redactor.Redact(text).Text;

        Assert.Equal(text.Split('\n').Length, redacted.Split('\n').Length);
        Assert.EndsWith("\"\"\"\nline after", redacted, StringComparison.Ordinal);
        Assert.Equal(text, redactor.Restore(redacted));
        Assert.Equal("<EMAIL_9> stays", redactor.Restore("<EMAIL_9> stays"));
    }

    [Fact]
    public void DisabledKinds_PassThrough_AndCustomPatternsComeFirst()
    {
        var options = new RedactionOptions();
        options.Disabled.Add("ip");
        options.Patterns.Add(new RedactionPattern { Kind = "CUSTOMER_ID", Pattern = @"\bCUST-\d{6}\b" });

        var result = new Redactor(options).Redact("CUST-004211 from 10.1.2.3 wrote jane@example.org");

        Assert.Equal("<CUSTOMER_ID_1> from 10.1.2.3 wrote <EMAIL_1>", result.Text);
    }

    [Fact]
    public void Redact_RealSourceCode_HasAtMostOneFalsePositivePer10000Lines()
    {
        var root = FindRepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Redaction{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var lines = 0;
        var hits = new List<string>();
        foreach (var file in files)
        {
            foreach (var line in File.ReadLines(file))
            {
                lines++;
                var result = new Redactor().Redact(line);
                if (result.Total > 0)
                {
                    hits.Add($"{Path.GetFileName(file)}: {line.Trim()}");
                }
            }
        }

        Assert.True(lines >= 5000, $"only {lines} lines of source code were found");
        Assert.True(hits.Count * 10_000.0 / lines <= 1.0, $"{hits.Count} false positives in {lines} lines:\n{string.Join('\n', hits.Take(20))}");
    }

    /// <summary>A seed that is the same in every run (string.GetHashCode is not).</summary>
    private static int Seed(string formatId, int cell)
    {
        var hash = 2166136261u;
        foreach (var c in formatId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF) ^ (cell * 7919);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatTriageBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (ChatTriageBot.sln) was not found");
    }
}
