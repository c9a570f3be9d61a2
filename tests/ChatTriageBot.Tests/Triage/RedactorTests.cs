using ChatTriageBot.Triage;

namespace ChatTriageBot.Tests.Triage;

public sealed class RedactorTests
{
    // Each sample is a realistic line from a support ticket; the secret part must not survive redaction.
    public static TheoryData<string, string, string> Samples => new()
    {
        { "Contact me at jane.doe@example.com please", "jane.doe@example.com", "EMAIL" },
        { "cc: ops+alerts@sub.example.co.uk", "ops+alerts@sub.example.co.uk", "EMAIL" },
        { "Call +49 30 1234 5678 after 5pm", "1234 5678", "PHONE" },
        { "US support line (415) 555-0132 x2", "555-0132", "PHONE" },
        { "mobile: +447911123456", "+447911123456", "PHONE" },
        { "Card 4111 1111 1111 1111 was declined", "4111 1111 1111 1111", "CARD" },
        { "paid with 5500-0000-0000-0004 yesterday", "5500-0000-0000-0004", "CARD" },
        { "amex 378282246310005", "378282246310005", "CARD" },
        { "IBAN DE89 3704 0044 0532 0130 00 for the refund", "3704 0044 0532", "IBAN" },
        { "pay to GB82WEST12345698765432", "GB82WEST12345698765432", "IBAN" },
        { "server 10.20.30.40 timed out", "10.20.30.40", "IP" },
        { "client ip 203.0.113.195 blocked", "203.0.113.195", "IP" },
        { "from 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP" },
        { "ipv6 fe80::1ff:fe23:4567:890a on eth0", "fe80::1ff:fe23:4567:890a", "IP" },
        { "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJhbGciOiJIUzI1NiJ9", "JWT" },
        { "aws key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE", "CREDENTIAL" },
        { "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SECRET" },
        { "token ghp_16C7e42F292c6912E7710c838347Ae178B4a in the CI log", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "CREDENTIAL" },
        { "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0123456789", "CREDENTIAL" },
        { "SLACK_BOT_TOKEN=xoxb-2431-58213-AbCdEfGhIjKlMnOpQr", "xoxb-2431-58213-AbCdEfGhIjKlMnOpQr", "CREDENTIAL" },
        { "app token xapp-1-A0123ABC-4567-abcdef0123456789", "xapp-1-A0123ABC-4567-abcdef0123456789", "CREDENTIAL" },
        { "webhook https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX", "hooks.slack.com/services/T000", "CREDENTIAL" },
        { "OPENAI_API_KEY=sk-proj-Abc123Def456Ghi789Jkl012Mno345", "sk-proj-Abc123Def456Ghi789Jkl012Mno345", "CREDENTIAL" },
        { "stripe sk_live_51H8abcdefghijklmnopQRSTUV", "sk_live_51H8abcdefghijklmnopQRSTUV", "CREDENTIAL" },
        { "google AIzaSyA1234567890abcdefghijklmnopqrstuv", "AIzaSyA1234567890abcdefghijklmnopqrstuv", "CREDENTIAL" },
        { "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA7", "PRIVATE_KEY" },
        { "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXktdjEAAAAA", "PRIVATE_KEY" },
        { "db url postgres://admin:S3cr3tPass!@db.internal:5432/shop", "S3cr3tPass!", "PASSWORD" },
        { "Server=sql1;Database=shop;User Id=sa;Password=Hunter2Hunter2;", "Hunter2Hunter2", "PASSWORD" },
        { "Host=db;Username=bot;Pwd=pa55w0rd;", "pa55w0rd", "PASSWORD" },
        { "\"client_secret\": \"9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c\"", "9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c", "SECRET" },
        { "api_key: Zq8mN2pL4xR7vT1wY5uK", "Zq8mN2pL4xR7vT1wY5uK", "SECRET" },
        { "amqp://guest:guestpw@rabbit:5672/", "guestpw", "PASSWORD" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Redact_KnownFormat_RemovesTheValueAndCountsItsKind(string text, string secret, string kind)
    {
        var result = new Redactor().Redact(text);

        Assert.DoesNotContain(secret, result.Text, StringComparison.Ordinal);
        Assert.Contains($"<{kind}_1>", result.Text, StringComparison.Ordinal);
        Assert.True(result.Counts.GetValueOrDefault(kind) >= 1);
    }

    [Fact]
    public void Redact_SameValueTwice_GetsTheSamePlaceholder_AndOtherValuesGetNewOnes()
    {
        var redactor = new Redactor();

        var first = redactor.Redact("from a@example.com to b@example.com");
        var second = redactor.Redact("again a@example.com");

        Assert.Equal("from <EMAIL_1> to <EMAIL_2>", first.Text);
        Assert.Equal("again <EMAIL_1>", second.Text);
        Assert.Equal("redacted 2 email", first.Receipt);
    }

    [Theory]
    [InlineData("order 4111 1111 1111 1112 looks odd")]
    [InlineData("build 1234567890123 failed")]
    [InlineData("version 1.2.3 and 2.0.1.4-beta")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 01")]
    [InlineData("at Shop.Checkout.CartService.Total(Cart cart) in /src/CartService.cs:line 14")]
    [InlineData("token = test")]
    public void Redact_LookalikesThatAreNotSecrets_AreLeftAlone(string text)
    {
        var result = new Redactor().Redact(text);

        Assert.Equal(text, result.Text);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public void Redact_RealSourceCode_HasAtMostOneFalsePositivePer10000Lines()
    {
        var root = FindRepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
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
