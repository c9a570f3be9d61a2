using System.Text.RegularExpressions;
using static ChatTriageBot.Triage.RedactionKinds;

namespace ChatTriageBot.Triage;

/// <summary>
/// Every built-in format, in the order they are applied (where two overlap, the earlier wins): private keys first,
/// then tokens with a published prefix or shape, headers, URLs and labelled values, and personal data last. Token
/// formats follow their issuers' published prefixes, lengths and checksums; values known only by their label
/// (<c>api_key = ...</c>) must also look random.
/// </summary>
internal static partial class RedactionFormats
{
    /// <summary>A key or setting name followed by its separator: <c>name: </c>, <c>"name": "</c>, <c>NAME=</c>, <c>name =&gt; '</c>.</summary>
    private const string Is = """\d*["'\]]?\s*(?:=>|:=|=|:)\s*["'`]?""";

    /// <summary>The same separator without an opening quote, for values whose quotes say where they end.</summary>
    private const string IsBeforeQuote = """\d*["'\]]?\s*(?:=>|:=|=|:)\s*""";

    /// <summary>The lines of a PEM block cut off before its END line: base64 lines and PEM headers.</summary>
    private const string PemBody = @"(?:(?:\r?\n|(?:\\r)?\\n|[ \t])+[|*]?[ \t]*(?:[A-Za-z0-9+/=]{16,}(?=[ \t]*(?:\r?\n|\\[rn]|$|[""']))|(?:Proc-Type|DEK-Info|Comment|Version): [^\r\n\\]*))+";

    private static readonly System.Buffers.SearchValues<char> NotLetters = System.Buffers.SearchValues.Create("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private static readonly System.Buffers.SearchValues<char> Brackets = System.Buffers.SearchValues.Create("(){}[]");

    private static readonly System.Buffers.SearchValues<char> NotInAddress = System.Buffers.SearchValues.Create("({[;@<>");

    private static readonly string[] SchemeNames =
        ["basic", "bearer", "token", "digest", "negotiate", "ntlm", "hoba", "mutual", "vapid", "apikey", "api-key", "sso-key", "hawk", "oauth", "aws4-hmac-sha256", "sharedkey", "signature", "dpop", "key", "jwt"];

    private static readonly string[] PostalPrefixes = ["shipping", "billing", "postal", "mailing", "home", "delivery", "street", "invoice", "liefer", "rechnungs", "wohn", "post"];

    private static readonly string[] NotPostal =
    [
        "ip", "e-mail", "email", "mail", "mac", "memory", "bind", "remote", "local", "server", "listen", "web", "wallet", "base", "return",
        "hex", "virtual", "physical", "network", "broadcast", "host", "proxy", "gateway", "ipv4", "ipv6", "socket", "peer", "client", "public",
        "private", "start", "end", "target", "source", "destination", "dest", "reply", "sender", "recipient", "contract", "url", "link", "page",
        "register", "load", "store", "jump", "bus", "device", "node", "endpoint", "ip_", "sock", "inet", "ether", "hw", "bd", "btc", "eth",
    ];

    private static readonly HashSet<string> GenericTopLevelDomains = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "ai", "app", "dev", "co", "me", "tv", "xyz", "online", "site",
        "tech", "store", "cloud", "email", "name", "pro", "mobi", "asia", "jobs", "travel", "museum", "aero", "coop", "cat", "tel", "post",
        "shop", "blog", "live", "news", "media", "agency", "digital", "solutions", "services", "company", "group", "team", "works", "world",
        "life", "space", "website", "page", "one", "global", "network", "systems", "software", "studio", "design", "support", "today",
        "consulting", "finance", "bank", "insurance", "health", "care", "law", "legal", "codes", "technology", "academy", "school", "center",
        "email", "mail", "run", "zone", "link", "click", "top", "club", "vip", "work", "berlin", "london", "paris", "nyc", "tokyo", "amsterdam",
        "swiss", "gmbh", "ltd", "inc", "llc", "sarl", "ag", "internal", "corp", "local", "example", "test", "invalid", "localhost", "home", "lan",
    };

    /// <summary>ISO 3166-1 alpha-2 country codes, the fifth and sixth letters of a BIC.</summary>
    private static readonly HashSet<string> CountryCodes = new(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI
        CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ
        GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
        LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG
        PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK
        TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    public static readonly IReadOnlyList<RedactionFormat> All =
    [
        // Private keys: PEM blocks (also with \n escapes, or cut off before the END line), PGP, PuTTY, bare DER/OpenSSH base64.
        new("pem-private-key", PrivateKey, "PEM private key blocks: RSA, EC, DSA, OpenSSH, encrypted and PKCS#8 (`-----BEGIN ... PRIVATE KEY-----`), also with `\\n` escapes or cut off", PemPrivateKey()) { Anchors = ["-----BEGIN"], Reach = 40_000 },
        new("pgp-private-key", PrivateKey, "PGP private key blocks (`-----BEGIN PGP PRIVATE KEY BLOCK-----`)", PgpPrivateKey()) { Anchors = ["-----BEGIN PGP"], Reach = 60_000 },
        new("putty-private-key", PrivateKey, "PuTTY private key files (`PuTTY-User-Key-File-3: ...`)", PuttyPrivateKey()) { Anchors = ["PuTTY-User-Key-File"], Reach = 30_000 },
        new("openssh-key-base64", PrivateKey, "OpenSSH private keys without their armour (base64 of `openssh-key-v1`)", OpenSshKeyBase64()) { Anchors = ["b3BlbnNzaC1rZXktdjE"], Reach = 40_000 },
        new("der-private-key-base64", PrivateKey, "PKCS#1, PKCS#8 (also encrypted), SEC1 EC and PKCS#12 key blobs in base64, recognised by their DER structure (certificates are kept)", DerBase64(), c => RedactionChecks.IsDerPrivateKey(c.ValueSpan)),
        new("jwt", Jwt, "JSON Web Tokens (signed or encrypted)", JsonWebToken()) { Anchors = ["eyJ"], Reach = 8_000 },

        // Tokens with a published prefix and shape.
        new("aws-access-key-id", Credential, "AWS access key ids (`AKIA`, `ASIA` ... and 16 base-32 characters)", AwsAccessKeyId()) { Anchors = ["AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"] },
        new("aws-secret-access-key", Credential, "AWS secret access keys (40 characters after `aws_secret_access_key`, `SecretAccessKey` ...)", AwsSecretAccessKey()) { Anchors = ["secret"] },
        new("aws-session-token", Credential, "AWS session tokens (`aws_session_token`, `X-Amz-Security-Token`, or their `FwoGZXIvYXdz`/`IQoJb3JpZ2lu` prefixes)", [AwsSessionToken(), AwsSessionTokenPrefix()]) { Anchors = ["token", "FwoGZXIvYXdz", "IQoJb3JpZ2lu"], Reach = 4_000 },
        new("aws-presigned-signature", Credential, "AWS pre-signed URL signatures (`X-Amz-Signature=`)", AwsPresignedSignature()) { Anchors = ["X-Amz-Signature"] },
        new("github-token", Credential, "GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`: CRC32 checksum, or random-looking)", GitHubToken(), c => RedactionChecks.HasTokenChecksum(c.ValueSpan) || RedactionChecks.LooksRandom(c.ValueSpan[4..])) { Anchors = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] },
        new("github-fine-grained-pat", Credential, "GitHub fine-grained personal access tokens (`github_pat_`)", GitHubFineGrainedPat()) { Anchors = ["github_pat_"] },
        new("gitlab-token", Credential, "GitLab tokens (`glpat-`, `gldt-`, `glrt-`, `glptt-`, `glft-`, `gloas-` ... and runner registration `GR1348941`)", GitLabToken()) { Anchors = ["glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glimt-", "glagent-", "gloas-", "glsoat-", "glffct-", "glwt-", "GR1348941"] },
        new("slack-token", Credential, "Slack tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxe-`, `xapp-` ...)", SlackToken()) { Anchors = ["xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xoxe", "xapp-"] },
        new("slack-webhook", Credential, "Slack incoming webhook and workflow URLs", SlackWebhook()) { Anchors = ["hooks.slack.com"] },
        new("chat-webhook", Credential, "Discord and Microsoft Teams webhook URLs", ChatWebhook()) { Anchors = ["/api/webhooks/", "webhook.office.com"] },
        new("anthropic-key", Credential, "Anthropic API keys (`sk-ant-api03-` ...)", AnthropicKey()) { Anchors = ["sk-ant-"] },
        new("openai-key", Credential, "OpenAI API keys (`sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-`)", OpenAIKey(), c => RedactionChecks.LooksRandom(c.ValueSpan[3..])) { Anchors = ["sk-"] },
        new("huggingface-token", Credential, "Hugging Face tokens (`hf_`, `api_org_`)", HuggingFaceToken()) { Anchors = ["hf_", "api_org_"] },
        new("stripe-key", Credential, "Stripe keys and webhook secrets (`sk_live_`, `rk_test_`, `pk_live_`, `whsec_` ...)", StripeKey()) { Anchors = ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_", "whsec_"] },
        new("google-api-key", Credential, "Google API keys (`AIza` and 35 characters)", GoogleApiKey()) { Anchors = ["AIza"] },
        new("google-oauth", Credential, "Google OAuth access and refresh tokens and client secrets (`ya29.`, `1//0`, `GOCSPX-`)", GoogleOAuth()) { Anchors = ["ya29.", "GOCSPX-", "1//0"] },
        new("google-service-account", Credential, "Google service-account key ids (`\"private_key_id\"`; the key itself is a PEM private key)", GoogleServiceAccountKeyId()) { Anchors = ["private_key_id"] },
        new("azure-storage-key", Credential, "Azure storage account and shared access keys in connection strings (`AccountKey=`, `SharedAccessKey=`)", AzureAccountKey()) { Anchors = ["AccountKey", "SharedAccessKey", "SharedSecretValue"] },
        new("azure-sas", Credential, "Azure service bus and event hubs `SharedAccessSignature=`, and SAS token signatures (`sig=`)", AzureSharedAccessSignature()) { Anchors = ["SharedAccessSignature", "sig="] },
        new("azure-client-secret", Credential, "Azure AD (Entra ID) client secrets (`...8Q~...`)", AzureClientSecret()) { Anchors = ["Q~"] },
        new("npm-token", Credential, "npm tokens (`npm_`), and `_authToken=`/`_auth=`/`_password=` lines of `.npmrc`", NpmToken(), c => c.ValueSpan.StartsWith("npm_", StringComparison.Ordinal) || RedactionChecks.LooksRandom(c.ValueSpan)) { Anchors = ["npm_", "_auth", "_password"] },
        new("pypi-token", Credential, "PyPI and TestPyPI upload tokens (`pypi-AgE...`)", PyPiToken()) { Anchors = ["pypi-AgE"] },
        new("nuget-key", Credential, "NuGet API keys (`oy2` and 43 characters)", NuGetKey()) { Anchors = ["oy2"] },
        new("twilio", Credential, "Twilio account and API key ids (`AC`/`SK` and 32 hexadecimal digits)", Twilio()),
        new("sendgrid-key", Credential, "SendGrid API keys (`SG.` ... `.` ...)", SendGridKey()) { Anchors = ["SG."] },
        new("mailgun-key", Credential, "Mailgun API keys (`key-` and 32 hexadecimal digits, or the newer `...-xxxxxxxx-xxxxxxxx`)", [MailgunKey(), MailgunNewKey()]),
        new("mailchimp-key", Credential, "Mailchimp API keys (32 hexadecimal digits and `-us`N)", MailchimpKey()) { Anchors = ["-us"] },
        new("datadog-key", Credential, "Datadog API and application keys (after `DD_API_KEY`, `DD-APPLICATION-KEY` ...)", DatadogKey()) { Anchors = ["dd_api", "dd_app", "dd-api", "dd-app", "ddapi", "ddapp", "datadog"] },
        new("sentry", Credential, "Sentry DSN keys (`https://KEY@o1.ingest.sentry.io/1`) and auth tokens (`sntrys_`, `sntryu_`)", Sentry()) { Anchors = ["://", "sntrys_", "sntryu_"] },
        new("heroku-key", Credential, "Heroku API keys (`HRKU-`, or after `HEROKU_API_KEY`)", [HerokuKey(), HerokuKeyLabelled()]) { Anchors = ["HRKU-", "heroku"] },
        new("digitalocean-token", Credential, "DigitalOcean tokens (`dop_v1_`, `doo_v1_`, `dor_v1_`)", DigitalOceanToken()) { Anchors = ["dop_v1_", "doo_v1_", "dor_v1_"] },
        new("bitbucket-token", Credential, "Bitbucket app passwords and access tokens (`ATBB`, `ATCTT`)", BitbucketToken()) { Anchors = ["ATBB", "ATCTT"] },
        new("atlassian-token", Credential, "Atlassian API tokens (`ATATT`, or after `JIRA_API_TOKEN`, `CONFLUENCE_TOKEN` ...)", AtlassianToken()) { Anchors = ["ATATT", "jira", "confluence", "atlassian", "bitbucket"] },
        new("shopify-token", Credential, "Shopify access tokens and shared secrets (`shpat_`, `shpca_`, `shppa_`, `shpss_`)", ShopifyToken()) { Anchors = ["shpat_", "shpca_", "shppa_", "shpss_"] },
        new("square-token", Credential, "Square access tokens and OAuth secrets (`EAAA`, `sq0atp-`, `sq0csp-`)", SquareToken()) { Anchors = ["sq0", "EAAA"] },
        new("braintree-paypal", Credential, "Braintree/PayPal access tokens (`access_token$production$...`) and PayPal client secrets", BraintreeToken()) { Anchors = ["access_token$", "paypal", "braintree"] },
        new("vault-token", Credential, "HashiCorp Vault (`hvs.`, `hvb.`, `hvr.`) and Terraform Cloud (`.atlasv1.`) tokens", [VaultToken(), TerraformToken()]) { Anchors = ["hvs.", "hvb.", "hvr.", ".atlasv1."] },
        new("telegram-bot-token", Credential, "Telegram bot tokens (`123456789:AA...`)", TelegramBotToken()) { Anchors = [":AA"] },
        new("grafana-token", Credential, "Grafana service account and cloud tokens (`glsa_`, `glc_`)", GrafanaToken()) { Anchors = ["glsa_", "glc_"] },
        new("newrelic-key", Credential, "New Relic keys (`NRAK-`, `NRII-`, `NRJS-`, `NRRA-`)", NewRelicKey()) { Anchors = ["NRAK-", "NRII-", "NRJS-", "NRRA-"] },
        new("databricks-token", Credential, "Databricks tokens (`dapi` and 32 hexadecimal digits)", DatabricksToken()) { Anchors = ["dapi"] },
        new("postman-key", Credential, "Postman API keys (`PMAK-`)", PostmanKey()) { Anchors = ["PMAK-"] },
        new("doppler-token", Credential, "Doppler tokens (`dp.pt.`, `dp.st.` ...)", DopplerToken()) { Anchors = ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."] },
        new("linear-notion-key", Credential, "Linear (`lin_api_`) and Notion (`secret_`, `ntn_`) API keys", LinearNotionKey()) { Anchors = ["lin_api_", "secret_", "ntn_"] },
        new("age-secret-key", Credential, "age encryption secret keys (`AGE-SECRET-KEY-1...`)", AgeSecretKey()) { Anchors = ["AGE-SECRET-KEY-"] },
        new("facebook-token", Credential, "Facebook/Meta access tokens (`EAA...`)", FacebookToken()) { Anchors = ["EAA"] },

        // Headers, cookies and URLs.
        new("authorization-header", Credential, "HTTP `Authorization`/`Proxy-Authorization` credentials of any scheme (Basic, Bearer, Digest, AWS4-HMAC-SHA256, token ...)", AuthorizationHeader(), IsHeaderCredential) { Anchors = ["authorization"] },
        new("api-key-header", Credential, "API key headers (`X-Api-Key`, `X-Auth-Token`, `PRIVATE-TOKEN`, `Ocp-Apim-Subscription-Key`, `X-Vault-Token` ...)", ApiKeyHeader(), IsHeaderCredential) { Anchors = ["api-key", "-token", "subscription-key", "functions-key", "_key"] },
        new("curl-user", Password, "`curl -u user:password` / `--user`", CurlUser(), c => !RedactionChecks.IsPlaceholderWord(c.ValueSpan)) { Anchors = ["-u ", "-u=", "--user"] },
        new("cookie-header", Session, "Cookie values in `Cookie:` headers (those of 8 characters or more, or of session cookies)", CookieHeader(), c => c.Length >= 8 && !RedactionChecks.IsPlaceholder(c.ValueSpan)) { Anchors = ["cookie"], Reach = 4_000 },
        new("set-cookie-header", Session, "The cookie value of `Set-Cookie:` headers", SetCookieHeader(), c => c.Length >= 6 && !RedactionChecks.IsPlaceholder(c.ValueSpan)) { Anchors = ["set-cookie"] },
        new("session-id", Session, "Session ids and CSRF tokens (`JSESSIONID=`, `PHPSESSID=`, `sessionid=`, `connect.sid=`, `.AspNetCore.Session=` ...)", SessionId(), c => RedactionChecks.Entropy(c.ValueSpan) >= 3 && !RedactionChecks.IsPlaceholder(c.ValueSpan) && !RedactionChecks.IsCodeName(c.ValueSpan) && c.ValueSpan.IndexOfAnyInRange('0', '9') >= 0) { Anchors = ["sessionid", "session_id", "sessid", "sess_id", "_session", "sid=", "sid:", "sid\"", "sid'", "sid ", "csrf", "xsrf", "remember_", ".aspnetcore."] },
        new("database-url", Password, "Passwords in database URLs: postgres, postgresql, mysql, mariadb, mongodb(+srv), redis(s), amqp(s), mssql, sqlserver, oracle, cockroachdb, clickhouse, cassandra, couchdb, neo4j, snowflake, db2, jdbc:... (user-info or `password=`)", [DatabaseUrl(), DatabaseUrlQuery()], c => !RedactionChecks.IsPlaceholderWord(c.ValueSpan)) { Anchors = ["://", "pass", "pwd"] },
        new("url-password", Password, "Passwords in any URL's user-info (`scheme://user:password@host`)", UrlPassword(), c => !RedactionChecks.IsPlaceholderWord(c.ValueSpan)) { Anchors = ["://"] },
        new("connection-string-password", Password, "`Password=`/`Pwd=` in connection strings (up to the next `;`)", ConnectionStringPassword(), c => RedactionChecks.IsPasswordValue(c.ValueSpan.Trim(), quoted: false)) { Anchors = ["password", "pwd"] },
        new("password", Password, "Passwords after `password`, `passwd`, `pwd`, `pass`, `passphrase` in any case, with `:`, `=`, `=>` (JSON, YAML, `.env`, code, prose), `--password`, XML elements and `.netrc`", PasswordAssignment(), IsPassword) { Anchors = ["pass", "pwd"] },
        new("generic-secret", Secret, "Random-looking values (letters and digits, 3.3 bits of entropy per character, 16 or more) after `api_key`, `secret`, `token`, `access_key`, `client_secret`, `auth`, `credentials` ...", GenericSecret(), c => RedactionChecks.LooksRandom(c.ValueSpan) && !c.LineBefore(80).EndsWith("PublicKeyToken=", StringComparison.OrdinalIgnoreCase)) { Anchors = ["key", "secret", "token", "auth", "credential"] },

        // Personal data.
        new("email", Email, "Email addresses", EmailAddress(), c => IsEmail(c.ValueSpan)) { Anchors = ["@"] },
        new("iban", Iban, "IBANs (mod-97 checked), grouped or not", IbanNumber(), c => RedactionChecks.IsIban(c.ValueSpan)) { Numbers = n => n.Digits >= 8 && n.UpperBefore },
        new("bic", Bic, "BIC/SWIFT codes after `BIC` or `SWIFT` (with a valid country code)", BicCode(), c => CountryCodes.Contains(c.Value.Substring(4, 2))) { Anchors = ["bic", "swift"] },
        new("card", Card, "Payment card numbers (network ranges and lengths, Luhn checked)", CardNumber(), IsCard) { Numbers = n => n.Digits >= 12 },
        new("us-ssn", NationalId, "US Social Security numbers (`123-45-6789`, or nine digits after `SSN`)", [UsSsn(), UsSsnLabelled()], c => NationalIds.IsUsSsn(c.ValueSpan)) { Numbers = n => n.Digits == 9 },
        new("uk-nino", NationalId, "UK National Insurance numbers", UkNino(), c => NationalIds.IsUkNino(c.ValueSpan)) { Numbers = n => n.Digits == 6 && n.UpperBefore },
        new("de-tax-id", NationalId, "German tax ids (Steuer-IdNr, ISO 7064 check digit) after their label", GermanTaxId(), c => NationalIds.IsGermanTaxId(c.ValueSpan)) { Anchors = ["steuer", "idnr", "tax id", "tax identification", "tin:", "tin ", "tin#"] },
        new("de-id-card", NationalId, "German identity card numbers (7-3-1 check digit) after their label", GermanIdCard(), c => NationalIds.IsGermanIdCard(c.ValueSpan)) { Anchors = ["ausweis", "card"] },
        new("fr-nir", NationalId, "French social security numbers (NIR, mod-97 key)", FrenchNir(), c => NationalIds.IsFrenchNir(c.ValueSpan)) { Numbers = n => n.Digits is 13 or 15 },
        new("es-dni-nie", NationalId, "Spanish DNI and NIE (check letter)", SpanishId(), c => NationalIds.IsSpanishId(c.ValueSpan)) { Numbers = n => (n.Digits == 8 && n.FirstGroup == 8 && n.LetterAfter) || (n.Digits == 7 && n.UpperBefore) },
        new("it-codice-fiscale", NationalId, "Italian fiscal codes (check letter)", ItalianFiscalCode(), c => NationalIds.IsItalianFiscalCode(c.ValueSpan)),
        new("nl-bsn", NationalId, "Dutch citizen service numbers (BSN, eleven test) after their label", DutchBsn(), c => NationalIds.IsDutchBsn(c.ValueSpan)) { Anchors = ["bsn", "burgerservice", "sofinummer"] },
        new("be-national-number", NationalId, "Belgian national register numbers (mod-97)", [BelgianNationalNumber(), BelgianNationalNumberLabelled()], c => NationalIds.IsBelgianNationalNumber(c.ValueSpan)) { Numbers = n => n.Digits == 11 && !n.Plus },
        new("pl-pesel", NationalId, "Polish PESEL numbers (weighted check digit) after their label", PolishPesel(), c => NationalIds.IsPolishPesel(c.ValueSpan)) { Anchors = ["pesel"] },
        new("se-personnummer", NationalId, "Swedish personal identity numbers (date and Luhn)", SwedishPersonalNumber(), c => NationalIds.IsSwedishPersonalNumber(c.ValueSpan)) { Numbers = n => n.Digits is 10 or 12 && n.Dashes + (n.Plus ? 1 : 0) > 0 },
        new("fi-hetu", NationalId, "Finnish personal identity codes (date and mod-31 check character)", FinnishHetu(), c => NationalIds.IsFinnishHetu(c.ValueSpan)) { Numbers = n => n.FirstGroup == 6 && ((n.Digits == 6 && n.LetterAfter) || n.Digits is 9 or 10) },
        new("dk-cpr", NationalId, "Danish CPR numbers (date) after their label", DanishCpr(), c => NationalIds.IsDanishCpr(c.ValueSpan)) { Anchors = ["cpr"] },
        new("no-fodselsnummer", NationalId, "Norwegian national identity numbers (two mod-11 check digits) after their label", NorwegianId(), c => NationalIds.IsNorwegianId(c.ValueSpan)) { Anchors = ["dselsnummer", "fnr", "personnummer"] },
        new("pt-nif", NationalId, "Portuguese tax numbers (NIF, mod-11) after their label", PortugueseNif(), c => NationalIds.IsPortugueseNif(c.ValueSpan)) { Anchors = ["nif", "contribuinte"] },
        new("ie-pps", NationalId, "Irish PPS numbers (mod-23 check letter) after their label", IrishPps(), c => NationalIds.IsIrishPps(c.ValueSpan)) { Anchors = ["pps"] },
        new("ro-cnp", NationalId, "Romanian personal numeric codes (CNP, weighted check digit) after their label", RomanianCnp(), c => NationalIds.IsRomanianCnp(c.ValueSpan)) { Anchors = ["cnp", "cod numeric"] },
        new("date-of-birth", DateOfBirth, "Dates after `DOB`, `date of birth`, `born`, `birthday`, `Geburtsdatum`, `né le`, `fecha de nacimiento` ...", DateOfBirthValue()) { Anchors = ["dob", "d.o.b", "birth", "born", "geburt", "geb.", "geboren", "naissance", "né le", "née le", "ne le", "nee le", "nacimiento", "nascita", "geboorte"] },
        new("postal-address", Address, "Postal addresses after `address`, `shipping address`, `billing address`, `Anschrift`, `Adresse`, `dirección`, `indirizzo` ... (with a number and a street or town)", PostalAddress(), IsPostalAddress) { Anchors = ["address", "addr.", "anschrift", "adresse", "direcci", "indirizzo", "adres"] },
        new("phone", Phone, "Phone numbers: international (`+49 30 ...`), with an area code in brackets, or 3-3-4 with dashes or dots (8 to 15 digits)", [PhoneNumber(), PhoneWithAreaCode(), PhoneDashed()], IsPhone) { Numbers = n => n.Digits >= 8 && (n.LeadingPlus || n.Bracket || n.Digits >= 10 && n.Dots + n.Dashes >= 2) },
        new("ipv4", Ip, "IPv4 addresses (not loopback, documentation, masks or version numbers)", IPv4Address(), RedactionChecks.IsPersonalAddress) { Numbers = n => n.Digits is >= 4 and <= 12 && n.Dots >= 3 },
        new("ipv6", Ip, "IPv6 addresses (not loopback or documentation)", [IPv6Address(), IPv6Compressed()], RedactionChecks.IsPersonalAddress),
    ];

    /// <summary>
    /// A header's credential: not a bare scheme name, a placeholder, a type annotation, or code that builds the header
    /// (<c>Authorization = new AuthenticationHeaderValue("Bearer", token)</c>: a PascalCase word followed by a call).
    /// </summary>
    private static bool IsHeaderCredential(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan;
        if (value.Length < 6 || RedactionChecks.IsPlaceholderWord(value) || SchemeNames.Contains(value.ToString().ToLowerInvariant())
            || value.IndexOfAny(Brackets) >= 0 || value is "String" or "Optional" or "headers" or "header" or "required")
        {
            return false;
        }

        var after = candidate.Text.AsSpan(candidate.Index + candidate.Length);
        return !(after.Length > 0 && after[0] is '(' or '.' && RedactionChecks.IsWordsInCase(value));
    }

    /// <summary>
    /// A password value: quoted, or unquoted and not code. After a space alone (<c>--password x</c>, <c>.netrc</c>),
    /// where prose says "--password suffers from ...", it must not be a plain word.
    /// </summary>
    private static bool IsPassword(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan;
        var quoted = candidate.Match.Groups["q"].Success;
        if (!RedactionChecks.IsPasswordValue(value, quoted))
        {
            return false;
        }

        if (quoted)
        {
            return true;
        }

        var label = candidate.Text.AsSpan(candidate.Match.Index, candidate.Index - candidate.Match.Index);
        var spaceOnly = label.IndexOfAny(":=>") < 0;
        return !RedactionChecks.IsFollowedByCode(value, candidate.LineAfter())
            && !(spaceOnly && value.IndexOfAnyInRange('0', '9') < 0 && value.IndexOfAny(NotLetters) < 0 && !RedactionChecks.HasMixedCase(value));
    }

    /// <summary>
    /// A card number: in a network's range, Luhn checked; written without separators it has at most 16 digits and is
    /// not a number in arithmetic (<c>4828147466240000*t**12</c>): long integer literals in code pass Luhn one time in ten.
    /// </summary>
    private static bool IsCard(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan;
        if (!RedactionChecks.IsCardNumber(value))
        {
            return false;
        }

        if (value.ContainsAnyExceptInRange('0', '9'))
        {
            return true;
        }

        var before = candidate.LineBefore(4).TrimEnd(' ');
        var after = candidate.LineAfter(4).TrimStart(' ');
        // Unseparated, only the common lengths: 16 digits, Amex's 15, Visa's 13.
        var common = value.Length == 16 || (value.Length == 15 && value[0] == '3') || (value.Length == 13 && value[0] == '4');
        return common && !(before.Length > 0 && before[^1] is '*' or '/' or '^') && !(after.Length > 0 && after[0] is '*' or '/');
    }

    /// <summary>
    /// A phone number: 8 to 15 digits. Not one of the numbers that share the shape: a country code never starts with 0
    /// (<c>+0000</c> is a time zone), <c>+1.414</c> is a decimal, <c>+17 46 26.4966</c> (dots and spaces mixed) a
    /// coordinate, <c>+10594-01-01</c> a date, and <c>(1999) 7779-7789</c> a year and pages.
    /// </summary>
    private static bool IsPhone(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan;
        if (!RedactionChecks.DigitCount(value, 8, 15) || value.StartsWith("+0"))
        {
            return false;
        }

        var decimalNumber = value[0] == '+' && value.Count('.') == 1 && !value.ContainsAny(' ', '-', '(');
        var mixed = value.Contains('.') && value.Contains(' ');
        var date = DateShape().IsMatch(value);
        var year = value.Length > 6 && value[0] == '(' && value[5] == ')' && value[1..3] is "19" or "20";
        return !decimalNumber && !mixed && !date && !year;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateShape();

    private static bool IsEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        var local = value[..at];
        if (at < 1 || local is "git" || local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        var tld = value[(value.LastIndexOf('.') + 1)..];
        return tld.Length == 2 || GenericTopLevelDomains.Contains(tld.ToString().ToLowerInvariant());
    }

    private static bool IsPostalAddress(RedactionCandidate candidate)
    {
        var value = candidate.ValueSpan.Trim();
        if (value.Length < 6 || value.IndexOfAny(NotInAddress) >= 0 || value.Contains("://", StringComparison.Ordinal)
            || value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || value.IndexOfAnyInRange('0', '9') < 0 || !value.Contains(' '))
        {
            return false;
        }

        // A house number or postcode standing as a word (221B, 75002) and a word of three letters or more (a street, a town).
        int run = 0, longest = 0;
        var number = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            run = char.IsLetter(c) ? run + 1 : 0;
            longest = Math.Max(longest, run);
            number |= char.IsAsciiDigit(c) && (i == 0 || !char.IsLetterOrDigit(value[i - 1]) || char.IsAsciiDigit(value[i - 1])) && (i == 0 || !char.IsLetter(value[i - 1]));
        }

        // "reuseAddress = ..." and "remoteAddress: ..." are names in code: a label joined to the word before it must be
        // one of the address labels people write (shipping_address, Lieferadresse).
        var joined = candidate.Match.Index > 0 && char.IsLetter(candidate.Text[candidate.Match.Index - 1]);

        // Not an IP, email, MAC, memory or server address: the word before the label says which address it is.
        var before = candidate.LineBefore(24).TrimEnd(" \t_-.\"'").ToString();
        var word = before[(before.LastIndexOfAny([' ', '\t', '"', '\'', '(', '{', '[', ',', ';', '.']) + 1)..].ToLowerInvariant();
        return number && longest >= 3 && !NotPostal.Any(word.EndsWith) && (!joined || PostalPrefixes.Any(word.EndsWith));
    }

    [GeneratedRegex(@"-----BEGIN (?<label>(?:[A-Z0-9]+ )*)PRIVATE KEY-----(?:[\s\S]{0,20000}?-----END \k<label>PRIVATE KEY-----|" + PemBody + ")")]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex(@"-----BEGIN PGP PRIVATE KEY BLOCK-----(?:[\s\S]{0,40000}?-----END PGP PRIVATE KEY BLOCK-----|" + PemBody + ")")]
    private static partial Regex PgpPrivateKey();

    [GeneratedRegex(@"PuTTY-User-Key-File-\d: [\s\S]{0,20000}?Private-Lines: \d+(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*[A-Za-z0-9+/=]+(?![A-Za-z0-9+/=-]))+(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*Private-MAC: [0-9a-f]+)?")]
    private static partial Regex PuttyPrivateKey();

    [GeneratedRegex(@"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{20,}(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*[A-Za-z0-9+/]{8,}={0,2})*")]
    private static partial Regex OpenSshKeyBase64();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])M[A-Za-z0-9+/]{38,}={0,2}(?:(?:\r?\n|(?:\\r)?\\n)[ \t]*[A-Za-z0-9+/]{8,}={0,2})*")]
    private static partial Regex DerBase64();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{5,}\.(?:eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}|[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,})")]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex("""(?i:aws_?secret_?(?:access_?)?key(?:_?id)?|secret_?access_?key|aws_?secret)""" + Is + """(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])""")]
    private static partial Regex AwsSecretAccessKey();

    [GeneratedRegex("""(?i)(?:aws_session_token|awssessiontoken|aws_security_token|session_token|sessiontoken|x-amz-security-token)""" + Is + """(?<secret>[A-Za-z0-9/+=%]{100,})""")]
    private static partial Regex AwsSessionToken();

    [GeneratedRegex(@"(?:FwoGZXIvYXdz|IQoJb3JpZ2lu)[A-Za-z0-9/+=%]{100,}")]
    private static partial Regex AwsSessionTokenPrefix();

    [GeneratedRegex(@"(?i)X-Amz-Signature=(?<secret>[0-9a-f]{64})")]
    private static partial Regex AwsPresignedSignature();

    [GeneratedRegex(@"\bgh[pousr]_[A-Za-z0-9]{36}\b")]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bgithub_pat_[A-Za-z0-9_]{22,}")]
    private static partial Regex GitHubFineGrainedPat();

    [GeneratedRegex(@"\b(?:(?:glpat|gldt|glrt|glcbt|glptt|glft|glimt|glagent|gloas|glsoat|glffct|glwt)-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_.-]+)?|GR1348941[A-Za-z0-9_-]{20,})")]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"\b(?:xox[abposre]-[A-Za-z0-9-]{10,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{20,}|xapp-\d-[A-Za-z0-9-]{10,})")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+")]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(@"https://(?:(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]{20,}|[A-Za-z0-9-]+\.webhook\.office\.com/webhookb2/[^\s""'<>]+)")]
    private static partial Regex ChatWebhook();

    [GeneratedRegex(@"\bsk-ant-(?:api|admin|oat|sid)\d\d-[A-Za-z0-9_-]{20,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{20,}")]
    private static partial Regex OpenAIKey();

    [GeneratedRegex(@"\b(?:hf_|api_org_)[A-Za-z]{34}\b")]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(@"\b(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9+/=]{20,})")]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])")]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"\b(?:ya29\.[0-9A-Za-z_-]{20,}|GOCSPX-[A-Za-z0-9_-]{28}|1//0[A-Za-z0-9_-]{40,})")]
    private static partial Regex GoogleOAuth();

    [GeneratedRegex("""private_key_id["']?\s*[:=]\s*["']?(?<secret>[0-9a-f]{40})""")]
    private static partial Regex GoogleServiceAccountKeyId();

    [GeneratedRegex(@"(?i)(?:AccountKey|SharedAccessKey|SharedSecretValue)\s*=\s*(?<secret>[A-Za-z0-9+/]{40,}={0,2})")]
    private static partial Regex AzureAccountKey();

    [GeneratedRegex("""(?i)(?:SharedAccessSignature\s*=\s*(?<secret>[^;"'\r\n]{20,})|[?&;]sig=(?<secret>[A-Za-z0-9%+/=]{20,}))""")]
    private static partial Regex AzureSharedAccessSignature();

    [GeneratedRegex(@"(?<=(?<![A-Za-z0-9_~.-])(?<head>[A-Za-z0-9_~.-]{3}\d))Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~-]|\.[A-Za-z0-9_~-])")]
    private static partial Regex AzureClientSecret();

    [GeneratedRegex("""\bnpm_[A-Za-z0-9]{36}\b|(?<![A-Za-z0-9])(?i:_auth(?:Token)?|_password)\s*=\s*["']?(?<secret>[^\s"'$]{8,})""")]
    private static partial Regex NpmToken();

    [GeneratedRegex(@"\bpypi-AgE[A-Za-z0-9_-]{50,}")]
    private static partial Regex PyPiToken();

    [GeneratedRegex(@"\boy2[a-z0-9]{43}\b")]
    private static partial Regex NuGetKey();

    [GeneratedRegex(@"\b(?:AC|SK)[0-9a-f]{32}\b")]
    private static partial Regex Twilio();

    [GeneratedRegex(@"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex SendGridKey();

    [GeneratedRegex(@"\bkey-[0-9a-f]{32}\b")]
    private static partial Regex MailgunKey();

    [GeneratedRegex(@"(?<=\b(?<head>[0-9a-f]{32}))-[0-9a-f]{8}-[0-9a-f]{8}\b")]
    private static partial Regex MailgunNewKey();

    [GeneratedRegex(@"\b[0-9a-f]{32}-us\d{1,2}\b")]
    private static partial Regex MailchimpKey();

    [GeneratedRegex("""(?i:dd_?api_?key|dd_?app(?:lication)?_?key|datadog_?api_?key|datadog_?app(?:lication)?_?key|dd-api-key|dd-application-key)""" + Is + """(?<secret>[0-9a-f]{40}|[0-9a-f]{32})\b""")]
    private static partial Regex DatadogKey();

    [GeneratedRegex(@"https?://(?<secret>[0-9a-f]{32})(?::[0-9a-f]{32})?@[A-Za-z0-9.-]+(?::\d+)?/(?:[\w.-]+/)*\d+|\bsntry[su]_[A-Za-z0-9+/=_]{40,}")]
    private static partial Regex Sentry();

    [GeneratedRegex(@"\bHRKU-[A-Za-z0-9_-]{20,}")]
    private static partial Regex HerokuKey();

    [GeneratedRegex("""(?i)heroku_?api_?(?:key|token)""" + Is + """(?<secret>[0-9a-fA-F-]{36}|[A-Za-z0-9_-]{20,})""")]
    private static partial Regex HerokuKeyLabelled();

    [GeneratedRegex(@"\bdo[por]_v1_[a-f0-9]{64}\b")]
    private static partial Regex DigitalOceanToken();

    [GeneratedRegex(@"\b(?:ATBB[A-Za-z0-9_=.-]{28,}|ATCTT3xFfGN0[A-Za-z0-9_=.-]{20,})")]
    private static partial Regex BitbucketToken();

    [GeneratedRegex("""\bATATT3xFfGF0[A-Za-z0-9_=.-]{20,}|(?i:(?:jira|confluence|atlassian|bitbucket)_?(?:api_?)?(?:token|password|app_?password))""" + Is + """(?<secret>[A-Za-z0-9_=.-]{20,})""")]
    private static partial Regex AtlassianToken();

    [GeneratedRegex(@"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b")]
    private static partial Regex ShopifyToken();

    [GeneratedRegex(@"\b(?:sq0(?:atp|csp|idp)-[0-9A-Za-z_-]{22,}|EAAA[A-Za-z0-9_-]{60})")]
    private static partial Regex SquareToken();

    [GeneratedRegex("""access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}|(?i:paypal_?(?:client_?)?secret|braintree_?private_?key)""" + Is + """(?<secret>[A-Za-z0-9_-]{20,})""")]
    private static partial Regex BraintreeToken();

    [GeneratedRegex(@"\bhv[sbr]\.[A-Za-z0-9_-]{24,}")]
    private static partial Regex VaultToken();

    [GeneratedRegex(@"\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,}")]
    private static partial Regex TerraformToken();

    [GeneratedRegex(@"(?<=(?<![\w])(?<head>\d{8,10})):AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])")]
    private static partial Regex TelegramBotToken();

    [GeneratedRegex(@"\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})")]
    private static partial Regex GrafanaToken();

    [GeneratedRegex(@"\bNR(?:AK|II|JS|RA)-[A-Za-z0-9]{27}\b")]
    private static partial Regex NewRelicKey();

    [GeneratedRegex(@"\bdapi[a-f0-9]{32}(?:-\d)?\b")]
    private static partial Regex DatabricksToken();

    [GeneratedRegex(@"\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b")]
    private static partial Regex PostmanKey();

    [GeneratedRegex(@"\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b")]
    private static partial Regex DopplerToken();

    [GeneratedRegex(@"\b(?:lin_api_[A-Za-z0-9]{40}|secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,})\b")]
    private static partial Regex LinearNotionKey();

    [GeneratedRegex(@"\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b")]
    private static partial Regex AgeSecretKey();

    [GeneratedRegex(@"\bEAA[A-Za-z0-9]{90,}")]
    private static partial Regex FacebookToken();

    [GeneratedRegex("""(?i)(?<![\w-])(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:[A-Za-z][A-Za-z0-9._-]*\s+)?(?<secret>(?:[\w-]+=(?:"[^"\r\n]*"|[^\s,"']+)|[^\s"',;()\[\]{}<>]+)(?:\s*,\s*[\w-]+=(?:"[^"\r\n]*"|[^\s,"']+))*)""")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex("""(?i)(?<![\w-])(?:x-api-key|api-key|x-auth-token|x-access-token|private-token|x-vault-token|ocp-apim-subscription-key|x-goog-api-key|x-shopify-access-token|x-functions-key|x-github-token|x-csrf-token|x-xsrf-token|x-amz-security-token|x-upload-token|x-figma-token|x-postmark-server-token|x-riot-token|x-cmc_pro_api_key)["']?\s*:\s*["']?(?<secret>[^\s"',;]{8,})""")]
    private static partial Regex ApiKeyHeader();

    [GeneratedRegex("""(?<![\w-])(?:-u|--user)[ =]["']?[^\s:"']+:(?<secret>[^\s"']+)""")]
    private static partial Regex CurlUser();

    [GeneratedRegex("""(?i)(?<![\w-])(?<!set-)cookie["']?\s*:\s*["']?(?:\s*[\w.!#$%&*+^|~-]+=(?<secret>[^;,\s"']*);?)+""")]
    private static partial Regex CookieHeader();

    [GeneratedRegex("""(?i)(?<![\w-])set-cookie["']?\s*:\s*["']?\s*[\w.!#$%&*+^|~-]+=(?<secret>[^;,\s"']+)""")]
    private static partial Regex SetCookieHeader();

    [GeneratedRegex("""(?i)(?<![\w-])(?:jsessionid|phpsessid|asp\.net_sessionid|aspsessionid[a-z]{8}|connect\.sid|laravel_session|_session_id|session_id|sessionid|sess_id|sessid|sid|csrf_token|csrftoken|xsrf-token|_xsrf|remember_token|remember_user_token|\.aspnetcore\.(?:session|cookies|identity\.application|antiforgery\.[\w-]+))["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9%._~+/=:-]{16,})""")]
    private static partial Regex SessionId();

    private const string DatabaseSchemes = """\b(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|cassandra|couchdb|neo4j(?:\+s)?|bolt|snowflake|db2|memcached|influxdb|elasticsearch)(?:\+[a-z0-9]+)?:""";

    [GeneratedRegex("""(?i)(?<=""" + DatabaseSchemes + """)//[^\s:/@?#'"<>]*:(?<secret>[^\s/'"<>]+)@(?=[A-Za-z0-9\[])""")]
    private static partial Regex DatabaseUrl();

    [GeneratedRegex("""(?i)(?<=""" + DatabaseSchemes + """[^\s"'<>]{0,300}[?&;])(?:password|pwd|pass)=(?<secret>[^&;\s"'<>]+)""")]
    private static partial Regex DatabaseUrlQuery();

    [GeneratedRegex("""(?i)(?<=\b[a-z][a-z0-9+.-]{1,20})://[^\s:/@?#'"<>]*:(?<secret>[^\s/'"<>]+)@(?=[A-Za-z0-9\[])""")]
    private static partial Regex UrlPassword();

    [GeneratedRegex("""(?im)(?<=(?:^|;|["'])[ \t]*)(?:password|pwd|user password)\s*=\s*(?<secret>[^;\r\n"']{1,200}?)[ \t]*(?=;)""")]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex("""(?i)(?:(?:passwords?|passwd|passphrase|passcode|pwd|(?<!by|com|sur|over|under|tres)pass)""" + IsBeforeQuote + """|(?<=--)password[= ]|(?<=<(?:\w+:)?)password>|(?<=\blogin\s+\S+\s+)password\s+)(?:(?<q>")(?<secret>[^"\r\n]{1,200})"|(?<q>')(?<secret>[^'\r\n]{1,200})'|(?<secret>[^\s"'`<>,;]*[^\s"'`<>,;.:!?)\]}]))""")]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex("""(?i)(?:api[_.-]?key|apikey|secret(?:[_.-]?key)?|token|access[_.-]?key|private[_.-]?key|client[_.-]?secret|credentials?|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|app[_.-]?key|account[_.-]?key|consumer[_.-]?secret|auth)""" + Is + """(?<secret>[A-Za-z0-9+/_\-.=~]{16,})""")]
    private static partial Regex GenericSecret();

    [GeneratedRegex(@"[\w.%+-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")]
    private static partial Regex IbanNumber();

    [GeneratedRegex("""(?i)(?<![\w-])(?:bic|swift)(?:[ /-]?(?:swift|bic))?(?:[ -]?code)?\s*[:=#]?\s*(?<secret>(?-i:[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?))(?![A-Za-z0-9])""")]
    private static partial Regex BicCode();

    // 12-19 digits written together, in groups of four (4-4-4-4, 4-4-4-1..7) or Amex's 4-6-5, and nothing more after.
    [GeneratedRegex(@"(?<![\w.,-])(?:\d{12,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{4,5})(?!\w|[ -]\d|[.,]\d)")]
    private static partial Regex CardNumber();

    [GeneratedRegex(@"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-]|[ .]\d)")]
    private static partial Regex UsSsn();

    [GeneratedRegex(@"(?i)\b(?:ssn|social\s+security(?:\s+(?:number|no\.?|#))?)\s*[:#]?\s*(?<secret>\d{9})\b")]
    private static partial Regex UsSsnLabelled();

    [GeneratedRegex(@"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")]
    private static partial Regex UkNino();

    [GeneratedRegex(@"(?i)\b(?:steuer-?id(?:entifikations)?(?:nummer|nr\.?)?|steuerliche\s+identifikationsnummer|idnr\.?|tax\s+id(?:entification)?(?:\s+(?:number|no\.?))?|TIN)\s*[:#]?\s*(?<secret>\d{2}\s?\d{3}\s?\d{3}\s?\d{3})\b")]
    private static partial Regex GermanTaxId();

    [GeneratedRegex(@"(?i)\b(?:ausweisnummer|personalausweis(?:nummer)?|ausweis-?nr\.?|id[- ]card(?:\s+(?:number|no\.?))?)\s*[:#]?\s*(?<secret>[CFGHJKLMNPRTVWXYZ0-9]{9}\d)\b")]
    private static partial Regex GermanIdCard();

    [GeneratedRegex(@"\b[12] \d{2} (?:0[1-9]|1[0-2]|[2-9]\d) (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}\b|(?i:\b(?:nir|insee|num[ée]ro\s+de\s+s[ée]curit[ée]\s+sociale|s[ée]curit[ée]\s+sociale)\s*[:#]?\s*)(?<secret>[12]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2[AB])\d{8})\b")]
    private static partial Regex FrenchNir();

    [GeneratedRegex(@"\b(?:\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z])\b")]
    private static partial Regex SpanishId();

    [GeneratedRegex(@"\b[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b")]
    private static partial Regex ItalianFiscalCode();

    [GeneratedRegex(@"(?i)\b(?:bsn|burgerservicenummer|sofinummer)\s*[:#]?\s*(?<secret>\d{4}\.?\d{2}\.?\d{3})\b")]
    private static partial Regex DutchBsn();

    [GeneratedRegex(@"(?<![\w.-])\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?![\w-]|\.\d)")]
    private static partial Regex BelgianNationalNumber();

    [GeneratedRegex(@"(?i)\b(?:rijksregisternummer|num[ée]ro\s+national|national\s+(?:register\s+)?number|insz|niss)\s*[:#]?\s*(?<secret>\d{11})\b")]
    private static partial Regex BelgianNationalNumberLabelled();

    [GeneratedRegex(@"(?i)\bpesel\s*[:#]?\s*(?<secret>\d{11})\b")]
    private static partial Regex PolishPesel();

    [GeneratedRegex(@"(?<![\w-])(?:19|20)?\d{6}[-+]\d{4}(?![\w-])")]
    private static partial Regex SwedishPersonalNumber();

    [GeneratedRegex(@"(?<![\w-])\d{6}[-+A-FU-Y]\d{3}[0-9A-Y](?![\w-])")]
    private static partial Regex FinnishHetu();

    [GeneratedRegex(@"(?i)\b(?:cpr(?:-?(?:nr\.?|nummer))?)\s*[:#]?\s*(?<secret>\d{6}-?\d{4})\b")]
    private static partial Regex DanishCpr();

    [GeneratedRegex(@"(?i)\b(?:f[øo]dselsnummer|fnr|personnummer)\s*[:#]?\s*(?<secret>\d{6}\s?\d{5})\b")]
    private static partial Regex NorwegianId();

    [GeneratedRegex(@"(?i)\b(?:nif|n\.?º?\s*(?:de\s+)?contribuinte)\s*[:#]?\s*(?<secret>\d{9})\b")]
    private static partial Regex PortugueseNif();

    [GeneratedRegex(@"(?i)\bpps(?:n|\s+(?:number|no\.?))?\s*[:#]?\s*(?<secret>\d{7}[A-W][A-IW]?)\b")]
    private static partial Regex IrishPps();

    [GeneratedRegex(@"(?i)\b(?:cnp|cod\s+numeric\s+personal)\s*[:#]?\s*(?<secret>[1-8]\d{12})\b")]
    private static partial Regex RomanianCnp();

    [GeneratedRegex(@"(?i)(?<![\w-])(?:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?|geburtsdatum|geb\.|geboren(?:\s+am)?|date\s+de\s+naissance|n[ée]e?\s+le|fecha\s+de\s+nacimiento|data\s+di\s+nascita|geboortedatum)\s*[:=]?\s*(?<secret>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)|\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz])[a-zäéû]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})")]
    private static partial Regex DateOfBirthValue();

    [GeneratedRegex("""(?i)(?:address|addr\.|anschrift|adresse|direcci[oó]n|indirizzo|adres)\s*[:=]\s*["']?(?<secret>[^\r\n"';({\[<>]{6,160})(?:\r?\n[ \t]*(?<secret>[^\r\n:"']{0,60}\b(?:\d{4,5}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\b[^\r\n:"']{0,40})){0,2}""")]
    private static partial Regex PostalAddress();

    // International numbers (+country ...), numbers with a parenthesised area code, and dash/dot-separated 3-3-4 numbers.
    [GeneratedRegex(@"(?<![\w.+])\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5}(?![\w]|[.]\d)")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"(?<![\w.])\(\d{2,4}\)[ .-]?\d{3,4}[ .-]\d{3,4}(?![\w]|[.]\d)")]
    private static partial Regex PhoneWithAreaCode();

    [GeneratedRegex(@"(?<![\w.-])\d{3}[.-]\d{3}[.-]\d{4}(?![\w-]|\.\d)")]
    private static partial Regex PhoneDashed();

    // Not followed by "-suffix" or more dotted parts: 2.0.1.4-beta and 1.2.3.4.5 are versions; a sentence's full stop is not a part.
    [GeneratedRegex(@"(?<=(?<![\w.])(?<head>25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))\.(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){2}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d|-[A-Za-z])")]
    private static partial Regex IPv4Address();

    [GeneratedRegex(@"(?<=(?<![\w:])(?<head>[0-9a-fA-F]{1,4})):(?:[0-9a-fA-F]{1,4}:){6}[0-9a-fA-F]{1,4}(?![\w]|:[0-9a-fA-F])")]
    private static partial Regex IPv6Address();

    [GeneratedRegex(@"(?<=(?<![\w:])(?<head>(?:[0-9a-fA-F]{1,4}:){0,5}[0-9a-fA-F]{1,4}))::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4}){0,5})?(?![\w]|:[0-9a-fA-F])|(?<![\w:])::1(?![\w:])")]
    private static partial Regex IPv6Compressed();
}
