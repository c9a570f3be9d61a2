using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace ChatTriageBot.Tests.Triage.Redaction;

/// <summary>A value of one format as a person would paste it (with its label where the format needs one), and the parts of it that must not survive.</summary>
public sealed record RedactionSample(string FormatId, string Text, IReadOnlyList<string> Secrets);

/// <summary>
/// One random value of every built-in format, made with each issuer's published shape (prefixes, lengths, check digits
/// computed here, independently of the redactor's own checks).
/// </summary>
public static class RedactionSamples
{
    private static readonly Dictionary<string, Func<SampleGenerator, (string Text, string[] Secrets)>> Generators = new(StringComparer.Ordinal)
    {
        ["pem-private-key"] = g =>
        {
            var label = g.Pick("RSA ", "EC ", string.Empty, "OPENSSH ", "ENCRYPTED ", "DSA ");
            var lines = g.Base64Lines([0x30, 0x82, 0x04, 0xA3, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00], 400);
            return ($"-----BEGIN {label}PRIVATE KEY-----\n{string.Join('\n', lines)}\n-----END {label}PRIVATE KEY-----", Lines(lines));
        },
        ["pgp-private-key"] = g =>
        {
            var lines = g.Base64Lines([0x95, 0x03, 0x98, 0x04], 300);
            return ($"-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{string.Join('\n', lines)}\n={g.Chars(SampleGenerator.Base64Chars, 4)}\n-----END PGP PRIVATE KEY BLOCK-----", Lines(lines));
        },
        ["putty-private-key"] = g =>
        {
            var publicLines = g.Base64Lines([0, 0, 0, 11], 40);
            var privateLines = g.Base64Lines([0, 0, 0, 32], 32);
            var mac = g.Hex(64);
            return ($"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240501\nPublic-Lines: {publicLines.Count}\n{string.Join('\n', publicLines)}\nPrivate-Lines: {privateLines.Count}\n{string.Join('\n', privateLines)}\nPrivate-MAC: {mac}",
                [.. Lines(privateLines), mac]);
        },
        ["openssh-key-base64"] = g =>
        {
            var lines = g.Base64Lines([.. "openssh-key-v1"u8, 0, 0, 0, 0, 4], 300, 70);
            return (string.Join('\n', lines), Lines(lines));
        },
        ["der-private-key-base64"] = g =>
        {
            byte[] prefix = g.Pick<byte[]>(
                [0x30, 0x82, 0x04, 0xBE, 0x02, 0x01, 0x00, 0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, 0x82],
                [0x30, 0x82, 0x04, 0xA4, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00],
                [0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20],
                [0x30, 0x82, 0x09, 0xF1, 0x02, 0x01, 0x03, 0x30, 0x82, 0x09, 0xB7, 0x06, 0x09, 0x2A, 0x86, 0x48]);
            var lines = g.Base64Lines(prefix, 300);
            return (string.Join('\n', lines), Lines(lines));
        },
        ["jwt"] = g =>
        {
            var payload = Base64Url(Encoding.UTF8.GetBytes($"{{\"sub\":\"{g.Digits(10)}\",\"name\":\"{g.Letters(8)}\",\"iat\":{g.Digits(10)}}}"));
            var signature = Base64Url(g.Bytes(32));
            return ($"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.{payload}.{signature}", [payload, signature]);
        },
        ["aws-access-key-id"] = g => One(g.Pick("AKIA", "ASIA") + g.Chars(SampleGenerator.Upper + "234567", 16)),
        ["aws-secret-access-key"] = g =>
        {
            var key = g.Mixed(36, SampleGenerator.Base64Chars) + "/" + g.Chars(SampleGenerator.AlphaNumeric, 1) + "+" + g.Chars(SampleGenerator.AlphaNumeric, 1);
            return (g.Pick("aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", "SecretAccessKey: ", "aws_secret_access_key=") + key, [key]);
        },
        ["aws-session-token"] = g =>
        {
            var token = "IQoJb3JpZ2luX2VjE" + g.Mixed(300, SampleGenerator.Base64Chars);
            return (g.Pick("aws_session_token = ", "AWS_SESSION_TOKEN=", "x-amz-security-token: ") + token, [token]);
        },
        ["aws-presigned-signature"] = g =>
        {
            var signature = g.Hex(64);
            return ($"https://acme-reports.s3.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}", [signature]);
        },
        ["github-token"] = g => One(GitHubStyle(g, g.Pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_"))),
        ["github-fine-grained-pat"] = g => One("github_pat_" + g.Mixed(22) + "_" + g.Mixed(59)),
        ["gitlab-token"] = g => One(g.Pick("glpat-", "gldt-", "glrt-", "glptt-") + g.Mixed(20, SampleGenerator.Base64UrlChars.Replace("-", string.Empty, StringComparison.Ordinal))),
        ["slack-token"] = g => One(g.Pick("xoxb-", "xoxp-") + g.Digits(12) + "-" + g.Digits(13) + "-" + g.Mixed(24)),
        ["slack-webhook"] = g =>
        {
            var secret = g.Mixed(24);
            return ($"https://hooks.slack.com/services/T{g.Chars(SampleGenerator.Upper + SampleGenerator.DigitChars, 8)}/B{g.Chars(SampleGenerator.Upper + SampleGenerator.DigitChars, 10)}/{secret}", [secret]);
        },
        ["chat-webhook"] = g =>
        {
            var secret = g.Mixed(68, SampleGenerator.AlphaNumeric + "_");
            return ($"https://discord.com/api/webhooks/{g.Digits(18)}/{secret}", [secret]);
        },
        ["anthropic-key"] = g => One("sk-ant-api03-" + g.Mixed(93, SampleGenerator.AlphaNumeric + "_") + "AA"),
        ["openai-key"] = g => One(g.Pick("sk-proj-", "sk-", "sk-svcacct-") + g.Mixed(48, SampleGenerator.AlphaNumeric + "_")),
        ["huggingface-token"] = g => One("hf_" + g.Letters(34)),
        ["stripe-key"] = g => One(g.Pick("sk_live_", "rk_live_", "sk_test_") + g.Mixed(g.Next(24, 99))),
        ["google-api-key"] = g => One("AIza" + g.Mixed(35, SampleGenerator.AlphaNumeric + "_")),
        ["google-oauth"] = g => One(g.Pick("ya29.a0", "GOCSPX-") + g.Mixed(28, SampleGenerator.AlphaNumeric + "_")),
        ["google-service-account"] = g =>
        {
            var keyId = g.Hex(40);
            var lines = g.Base64Lines([0x30, 0x82, 0x04, 0xBE, 0x02, 0x01, 0x00, 0x30, 0x0D, 0x06, 0x09], 300);
            var text = $$"""
                {
                  "type": "service_account",
                  "project_id": "acme-prod",
                  "private_key_id": "{{keyId}}",
                  "private_key": "-----BEGIN PRIVATE KEY-----\n{{string.Join("\\n", lines)}}\n-----END PRIVATE KEY-----\n",
                  "client_email": "triage@acme-prod.iam.gserviceaccount.com"
                }
                """;
            return (text, [keyId, .. Lines(lines)]);
        },
        ["azure-storage-key"] = g =>
        {
            var key = g.Mixed(86, SampleGenerator.Base64Chars) + "==";
            var shared = g.Mixed(43, SampleGenerator.Base64Chars) + "=";
            return g.Next(0, 2) == 0
                ? ($"DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey={key};EndpointSuffix=core.windows.net", [key])
                : ($"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={shared}", [shared]);
        },
        ["azure-sas"] = g =>
        {
            var signature = g.Mixed(43, SampleGenerator.Base64Chars) + "=";
            var encoded = Uri.EscapeDataString(signature);
            return ($"https://acmestore.blob.core.windows.net/files/report.pdf?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-05-02T00:00:00Z&spr=https&sig={encoded}", [signature, encoded]);
        },
        ["azure-client-secret"] = g => One(g.Chars(SampleGenerator.AlphaNumeric, 3) + "8Q~" + g.Mixed(33, SampleGenerator.AlphaNumeric + "_~.-") + g.Chars(SampleGenerator.AlphaNumeric, 1)),
        ["npm-token"] = g =>
        {
            if (g.Next(0, 2) == 0)
            {
                return One(GitHubStyle(g, "npm_"));
            }

            var token = $"{g.Hex(8)}-{g.Hex(4)}-{g.Hex(4)}-{g.Hex(4)}-{g.Hex(12)}";
            return ($"//registry.npmjs.org/:_authToken={token}", [token]);
        },
        ["pypi-token"] = g => One("pypi-AgEIcHlwaS5vcmc" + g.Mixed(120, SampleGenerator.Base64UrlChars)),
        ["nuget-key"] = g => One("oy2" + g.Mixed(43, SampleGenerator.Lower + SampleGenerator.DigitChars).ToLowerInvariant()),
        ["twilio"] = g => One(g.Pick("AC", "SK") + g.Hex(32)),
        ["sendgrid-key"] = g => One("SG." + g.Mixed(22, SampleGenerator.Base64UrlChars) + "." + g.Mixed(43, SampleGenerator.Base64UrlChars)),
        ["mailgun-key"] = g => One(g.Next(0, 2) == 0 ? "key-" + g.Hex(32) : $"{g.Hex(32)}-{g.Hex(8)}-{g.Hex(8)}"),
        ["mailchimp-key"] = g => One(g.Hex(32) + "-us" + g.Next(1, 22).ToString(CultureInfo.InvariantCulture)),
        ["datadog-key"] = g =>
        {
            var key = g.Hex(g.Pick(32, 40));
            return (g.Pick("DD_API_KEY=", "DD-API-KEY: ", "datadog_app_key: ") + key, [key]);
        },
        ["sentry"] = g =>
        {
            var key = g.Hex(32);
            return ($"https://{key}@o{g.Digits(6)}.ingest.sentry.io/{g.Digits(7)}", [key]);
        },
        ["heroku-key"] = g => One("HRKU-AA" + g.Mixed(58, SampleGenerator.Base64UrlChars)),
        ["digitalocean-token"] = g => One(g.Pick("dop_v1_", "doo_v1_") + g.Hex(64)),
        ["bitbucket-token"] = g => One("ATBB" + g.Mixed(32) + g.Chars("0123456789ABCDEF", 8)),
        ["atlassian-token"] = g => One("ATATT3xFfGF0" + g.Mixed(180, SampleGenerator.Base64UrlChars) + "=" + g.Chars("0123456789ABCDEF", 8)),
        ["shopify-token"] = g => One(g.Pick("shpat_", "shpss_", "shpca_") + g.Hex(32)),
        ["square-token"] = g => One(g.Next(0, 2) == 0 ? "EAAA" + g.Mixed(60, SampleGenerator.Base64UrlChars) : "sq0csp-" + g.Mixed(43, SampleGenerator.Base64UrlChars)),
        ["braintree-paypal"] = g => One($"access_token$production${g.Mixed(16, SampleGenerator.Lower + SampleGenerator.DigitChars).ToLowerInvariant()}${g.Hex(32)}"),
        ["vault-token"] = g => One("hvs." + g.Mixed(90, SampleGenerator.Base64UrlChars)),
        ["telegram-bot-token"] = g => One(g.Digits(10) + ":AA" + g.Mixed(33, SampleGenerator.Base64UrlChars)),
        ["grafana-token"] = g => One("glsa_" + g.Mixed(32) + "_" + g.Hex(8)),
        ["newrelic-key"] = g => One("NRAK-" + g.Chars(SampleGenerator.Upper + SampleGenerator.DigitChars, 27)),
        ["databricks-token"] = g => One("dapi" + g.Hex(32)),
        ["postman-key"] = g => One($"PMAK-{g.Hex(24)}-{g.Hex(34)}"),
        ["doppler-token"] = g => One("dp.pt." + g.Mixed(43)),
        ["linear-notion-key"] = g => One(g.Next(0, 2) == 0 ? "lin_api_" + g.Mixed(40) : "secret_" + g.Mixed(43)),
        ["age-secret-key"] = g => One("AGE-SECRET-KEY-1" + g.Chars("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
        ["facebook-token"] = g => One("EAAG" + g.Mixed(150)),
        ["authorization-header"] = g =>
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{g.Letters(6).ToLowerInvariant()}:{g.Password()}"));
            var bearer = g.Mixed(40, SampleGenerator.Base64UrlChars + ".");
            var response = g.Hex(32);
            var nonce = g.Hex(32);
            var signature = g.Hex(64);
            return g.Next(0, 5) switch
            {
                0 => ($"Authorization: Basic {basic}", [basic]),
                1 => ($"Authorization: Bearer {bearer}", [bearer]),
                2 => ($"curl -H \"Authorization: token {bearer}\" https://api.example.com/v1/orders", [bearer]),
                3 => ($"Authorization: Digest username=\"jane\", realm=\"api\", nonce=\"{nonce}\", uri=\"/v1/orders\", response=\"{response}\"", [nonce, response]),
                _ => ($"Authorization: AWS4-HMAC-SHA256 Credential={g.Chars(SampleGenerator.Upper, 4)}/20240501/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}", [signature]),
            };
        },
        ["api-key-header"] = g =>
        {
            var key = g.Mixed(32);
            return (g.Pick("X-Api-Key: ", "x-auth-token: ", "PRIVATE-TOKEN: ", "Ocp-Apim-Subscription-Key: ") + key, [key]);
        },
        ["curl-user"] = g =>
        {
            var password = g.Password();
            return ($"curl -u admin:{password} https://api.example.com/v1/orders", [password]);
        },
        ["cookie-header"] = g =>
        {
            var session = g.Mixed(32);
            var csrf = g.Mixed(32);
            return ($"Cookie: sessionid={session}; csrftoken={csrf}; theme=dark", [session, csrf]);
        },
        ["set-cookie-header"] = g =>
        {
            var session = g.Mixed(40, SampleGenerator.Base64UrlChars);
            return ($"Set-Cookie: session={session}; Path=/; HttpOnly; Secure; SameSite=Lax", [session]);
        },
        ["session-id"] = g =>
        {
            var id = g.Mixed(32, "0123456789ABCDEF");
            return (g.Pick("JSESSIONID=", "PHPSESSID=", "ASP.NET_SessionId=", "connect.sid=") + id, [id]);
        },
        ["database-url"] = g =>
        {
            var password = g.Password();
            var scheme = g.Pick("postgres", "postgresql", "mysql", "mariadb", "mongodb+srv", "redis", "rediss", "amqp", "mssql", "oracle", "clickhouse", "cockroachdb");
            return g.Next(0, 3) == 0
                ? ($"jdbc:postgresql://db.internal:5432/shop?user=app&password={password}", [password])
                : ($"{scheme}://app_user:{password}@db.internal:5432/shop", [password]);
        },
        ["url-password"] = g =>
        {
            var password = g.Password();
            return ($"{g.Pick("https", "ftp", "smtp", "sftp")}://deploy:{password}@files.acme-corp.com/releases", [password]);
        },
        ["connection-string-password"] = g =>
        {
            var password = g.Password();
            return ($"Server=sql1.internal;Database=shop;User Id=sa;Password={password};TrustServerCertificate=true", [password]);
        },
        ["password"] = g =>
        {
            var password = g.Password();
            var form = g.Pick("password: {0}", "Password={0}", "PASSWORD={0}", "passwd={0}", "pwd={0}", "PwD: {0}", "db_password = \"{0}\"",
                "\"password\": \"{0}\"", "password='{0}'", "--password={0}", "<password>{0}</password>", "machine api.example.com login bob password {0}");
            return (string.Format(CultureInfo.InvariantCulture, form, password), [password]);
        },
        ["generic-secret"] = g =>
        {
            var secret = g.Mixed(32);
            return (g.Pick("api_key = ", "client_secret: ", "SECRET_KEY=", "apiKey: ", "\"access_token\": \"", "signing_key=") + secret, [secret]);
        },
        ["email"] = g =>
        {
            var email = $"{g.Letters(6).ToLowerInvariant()}.{g.Letters(7).ToLowerInvariant()}@{g.Pick("gmail.com", "acme-corp.co.uk", "mail.example.org", "outlook.de", "shop.io")}";
            return One(email);
        },
        ["iban"] = g =>
        {
            var (country, bban) = g.Pick(("DE", g.Digits(18)), ("GB", "WEST" + g.Digits(14)), ("FR", g.Digits(23)), ("NL", "ABNA" + g.Digits(10)), ("ES", g.Digits(20)));
            var iban = country + IbanCheck(country, bban) + bban;
            var grouped = g.Next(0, 2) == 0 ? iban : string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
            return (grouped, [iban]);
        },
        ["bic"] = g =>
        {
            var bic = g.Chars(SampleGenerator.Upper, 4) + g.Pick("DE", "FR", "GB", "NL", "CH", "US") + g.Chars(SampleGenerator.Upper + SampleGenerator.DigitChars, 2) + g.Pick(string.Empty, "XXX");
            return (g.Pick("BIC: ", "SWIFT: ", "BIC/SWIFT ", "SWIFT code: ") + bic, [bic]);
        },
        ["card"] = g =>
        {
            var (prefix, length) = g.Pick(("4", 16), ("5" + g.Next(1, 6).ToString(CultureInfo.InvariantCulture), 16), ("37", 15), ("6011", 16), ("4", 13));
            var number = SampleGenerator.WithLuhn(prefix + g.Digits(length - prefix.Length - 1));
            var separator = g.Pick(" ", "-", string.Empty);
            var written = length == 15
                ? $"{number[..4]}{separator}{number[4..10]}{separator}{number[10..]}"
                : length == 16 ? string.Join(separator, number.Chunk(4).Select(c => new string(c))) : number;
            return (written, [number]);
        },
        ["us-ssn"] = g =>
        {
            var area = g.Next(1, 899);
            area = area is 666 ? 667 : area;
            var ssn = $"{area:000}{g.Next(1, 100):00}{g.Next(1, 10000):0000}";
            return g.Next(0, 2) == 0 ? ($"{ssn[..3]}-{ssn[3..5]}-{ssn[5..]}", [ssn]) : ($"SSN: {ssn}", [ssn]);
        },
        ["uk-nino"] = g =>
        {
            var nino = g.Chars("ABCEGHJKLMNPRSTWXYZ", 1) + g.Chars("ABCEGHJKLMNPRSTWXYZ", 1) + g.Digits(6) + g.Chars("ABCD", 1);
            if (nino[..2] is "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ" or "BG")
            {
                nino = "AB" + nino[2..];
            }

            return (g.Next(0, 2) == 0 ? nino : $"{nino[..2]} {nino[2..4]} {nino[4..6]} {nino[6..8]} {nino[8]}", [nino]);
        },
        ["de-tax-id"] = g =>
        {
            var digits = g.Next(1, 10).ToString(CultureInfo.InvariantCulture) + g.Digits(9);
            var id = digits + GermanTaxCheck(digits);
            return ($"Steuer-IdNr: {id}", [id]);
        },
        ["de-id-card"] = g =>
        {
            var serial = g.Chars("CFGHJKLMNPRTVWXYZ", 1) + g.Chars("CFGHJKLMNPRTVWXYZ0123456789", 3) + g.Digits(5);
            int[] weights = [7, 3, 1];
            var sum = serial.Select((c, i) => (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i % 3]).Sum();
            var number = serial + (sum % 10).ToString(CultureInfo.InvariantCulture);
            return ($"Ausweisnummer: {number}", [number]);
        },
        ["fr-nir"] = g =>
        {
            var body = $"{g.Next(1, 3)}{g.Next(40, 99):00}{g.Next(1, 13):00}{g.Next(1, 96):00}{g.Next(1, 990):000}{g.Next(1, 1000):000}";
            var key = 97 - (long.Parse(body, CultureInfo.InvariantCulture) % 97);
            var nir = body + key.ToString("00", CultureInfo.InvariantCulture);
            return ($"{nir[0]} {nir[1..3]} {nir[3..5]} {nir[5..7]} {nir[7..10]} {nir[10..13]} {nir[13..]}", [nir]);
        },
        ["es-dni-nie"] = g =>
        {
            const string Letters = "TRWAGMYFPDXBNJZSQVHLCKE";
            if (g.Next(0, 2) == 0)
            {
                var digits = g.Digits(8);
                return One(digits + Letters[int.Parse(digits, CultureInfo.InvariantCulture) % 23]);
            }

            var prefix = g.Next(0, 3);
            var seven = g.Digits(7);
            return One("XYZ"[prefix] + seven + Letters[int.Parse(prefix.ToString(CultureInfo.InvariantCulture) + seven, CultureInfo.InvariantCulture) % 23]);
        },
        ["it-codice-fiscale"] = g =>
        {
            var body = g.Chars(SampleGenerator.Upper, 6) + g.Digits(2) + g.Chars("ABCDEHLMPRST", 1) + g.Next(1, 29).ToString("00", CultureInfo.InvariantCulture) + g.Chars(SampleGenerator.Upper, 1) + g.Digits(3);
            int[] odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
            var sum = body.Select((c, i) => i % 2 == 0 ? odd[char.IsAsciiDigit(c) ? c - '0' : c - 'A'] : char.IsAsciiDigit(c) ? c - '0' : c - 'A').Sum();
            return One(body + (char)('A' + (sum % 26)));
        },
        ["nl-bsn"] = g =>
        {
            while (true)
            {
                var digits = g.Next(1, 10).ToString(CultureInfo.InvariantCulture) + g.Digits(7);
                var check = digits.Select((c, i) => (9 - i) * (c - '0')).Sum() % 11;
                if (check < 10)
                {
                    var bsn = digits + check.ToString(CultureInfo.InvariantCulture);
                    return ($"BSN: {bsn}", [bsn]);
                }
            }
        },
        ["be-national-number"] = g =>
        {
            var birth = g.BirthDate();
            var first = $"{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{g.Next(1, 998):000}";
            var n = long.Parse(first, CultureInfo.InvariantCulture) + (birth.Year >= 2000 ? 2_000_000_000 : 0);
            var number = first + (97 - (n % 97)).ToString("00", CultureInfo.InvariantCulture);
            return ($"{number[..2]}.{number[2..4]}.{number[4..6]}-{number[6..9]}.{number[9..]}", [number]);
        },
        ["pl-pesel"] = g =>
        {
            var birth = g.BirthDate();
            var body = $"{birth.Year % 100:00}{birth.Month + (birth.Year >= 2000 ? 20 : 0):00}{birth.Day:00}{g.Digits(4)}";
            int[] weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
            var sum = body.Select((c, i) => weights[i] * (c - '0')).Sum();
            var pesel = body + ((10 - (sum % 10)) % 10).ToString(CultureInfo.InvariantCulture);
            return ($"PESEL: {pesel}", [pesel]);
        },
        ["se-personnummer"] = g =>
        {
            var birth = g.BirthDate();
            var number = SampleGenerator.WithLuhn($"{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{g.Digits(3)}");
            var written = $"{number[..6]}-{number[6..]}";
            return (written, [written]);
        },
        ["fi-hetu"] = g =>
        {
            var birth = g.BirthDate();
            var individual = g.Next(2, 900).ToString("000", CultureInfo.InvariantCulture);
            var ddmmyy = $"{birth.Day:00}{birth.Month:00}{birth.Year % 100:00}";
            var check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(long.Parse(ddmmyy + individual, CultureInfo.InvariantCulture) % 31)];
            return One($"{ddmmyy}{(birth.Year >= 2000 ? 'A' : '-')}{individual}{check}");
        },
        ["dk-cpr"] = g =>
        {
            var birth = g.BirthDate();
            var cpr = $"{birth.Day:00}{birth.Month:00}{birth.Year % 100:00}-{g.Digits(4)}";
            return ($"CPR: {cpr}", [cpr]);
        },
        ["no-fodselsnummer"] = g =>
        {
            while (true)
            {
                var birth = g.BirthDate();
                var body = $"{birth.Day:00}{birth.Month:00}{birth.Year % 100:00}{g.Digits(3)}";
                var k1 = Mod11(body, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
                var k2 = k1 < 0 ? -1 : Mod11(body + k1.ToString(CultureInfo.InvariantCulture), [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
                if (k2 >= 0)
                {
                    var number = body + k1.ToString(CultureInfo.InvariantCulture) + k2.ToString(CultureInfo.InvariantCulture);
                    return ($"fødselsnummer: {number}", [number]);
                }
            }
        },
        ["pt-nif"] = g =>
        {
            var body = g.Pick("1", "2", "5") + g.Digits(7);
            var check = 11 - (body.Select((c, i) => (c - '0') * (9 - i)).Sum() % 11);
            var nif = body + (check >= 10 ? 0 : check).ToString(CultureInfo.InvariantCulture);
            return ($"NIF: {nif}", [nif]);
        },
        ["ie-pps"] = g =>
        {
            var digits = g.Digits(7);
            var sum = digits.Select((c, i) => (c - '0') * (8 - i)).Sum();
            var pps = digits + "WABCDEFGHIJKLMNOPQRSTUV"[sum % 23];
            return ($"PPS No: {pps}", [pps]);
        },
        ["ro-cnp"] = g =>
        {
            var birth = g.BirthDate();
            var body = $"{(birth.Year >= 2000 ? g.Pick(5, 6) : g.Pick(1, 2))}{birth.Year % 100:00}{birth.Month:00}{birth.Day:00}{g.Next(1, 47):00}{g.Digits(3)}";
            const string Weights = "279146358279";
            var sum = body.Select((c, i) => (c - '0') * (Weights[i] - '0')).Sum();
            var cnp = body + (sum % 11 == 10 ? 1 : sum % 11).ToString(CultureInfo.InvariantCulture);
            return ($"CNP: {cnp}", [cnp]);
        },
        ["date-of-birth"] = g =>
        {
            var birth = g.BirthDate();
            var date = g.Pick(
                birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                birth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                birth.ToString("d MMMM yyyy", CultureInfo.InvariantCulture),
                birth.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
                birth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            var name = g.Pick("Jane Doe", "Marta Nowak", "Luis García");
            return (g.Pick($"{name}, DOB: {date}", $"{name}, born {date}", $"Name: {name}, date of birth {date}", $"{name} (Geburtsdatum: {date})"), [date]);
        },
        ["postal-address"] = g =>
        {
            var street = $"{g.Next(1, 300)} {g.Pick("Baker", "Elm", "Station", "Church", "Mill")} {g.Pick("Street", "Road", "Lane", "Avenue")}";
            var town = $"{g.Pick("London NW1 6XE", "Springfield IL 62704", "10115 Berlin", "75002 Paris")}";
            return ($"{g.Pick("Shipping address", "Billing address", "Address", "Anschrift")}: {street}, {town}", [street]);
        },
        ["phone"] = g => One(g.Pick(
            $"+49 30 {g.Digits(4)} {g.Digits(4)}",
            $"+44 20 7946 {g.Digits(4)}",
            $"+1 415 {g.Next(200, 999)} {g.Digits(4)}",
            $"+33{g.Next(1, 8)}{g.Digits(8)}",
            $"({g.Next(200, 999)}) {g.Next(200, 999)}-{g.Digits(4)}",
            $"{g.Next(200, 999)}-{g.Next(200, 999)}-{g.Digits(4)}")),
        ["ipv4"] = g => One($"{g.Pick(g.Next(11, 126), g.Next(128, 191))}.{g.Next(0, 256)}.{g.Next(0, 256)}.{g.Next(1, 255)}"),
        ["ipv6"] = g => One(g.Next(0, 2) == 0
            ? $"2a02:8070:{g.Hex(4)}:{g.Hex(4)}:{g.Hex(4)}:{g.Hex(4)}:{g.Hex(4)}:{g.Hex(4)}"
            : $"2a02:8070:{g.Next(1, 9)}{g.Hex(3)}::{g.Next(1, 9)}{g.Hex(3)}"),
    };

    /// <summary>The ids of every format with a generator.</summary>
    public static IReadOnlyCollection<string> FormatIds => Generators.Keys;

    /// <summary>A new random sample of <paramref name="formatId"/>.</summary>
    public static RedactionSample Make(string formatId, Random random)
    {
        var (text, secrets) = Generators[formatId](new SampleGenerator(random));
        return new RedactionSample(formatId, text, secrets);
    }

    /// <summary>GitHub's (and npm's) token shape: the prefix, thirty random characters and their CRC32 in base 62.</summary>
    public static string GitHubStyle(SampleGenerator g, string prefix)
    {
        ArgumentNullException.ThrowIfNull(g);
        var random = g.Mixed(30);
        var crc = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(random));
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var checksum = new StringBuilder();
        do
        {
            checksum.Insert(0, Alphabet[(int)(crc % 62)]);
            crc /= 62;
        }
        while (crc > 0);
        return prefix + random + checksum.ToString().PadLeft(6, '0');
    }

    private static (string Text, string[] Secrets) One(string value) => (value, [value]);

    private static string[] Lines(IReadOnlyList<string> lines) => [.. lines.Where(l => l.Length >= 16)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string IbanCheck(string country, string bban)
    {
        var digits = new StringBuilder();
        foreach (var c in bban + country + "00")
        {
            digits.Append(char.IsAsciiDigit(c) ? (c - '0').ToString(CultureInfo.InvariantCulture) : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture));
        }

        var remainder = 0;
        foreach (var c in digits.ToString())
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return (98 - remainder).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string GermanTaxCheck(string ten)
    {
        var product = 10;
        foreach (var c in ten)
        {
            var sum = (c - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        var check = 11 - product;
        return (check == 10 ? 0 : check).ToString(CultureInfo.InvariantCulture);
    }

    private static int Mod11(string digits, int[] weights)
    {
        var check = 11 - (weights.Select((w, i) => w * (digits[i] - '0')).Sum() % 11);
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }
}
