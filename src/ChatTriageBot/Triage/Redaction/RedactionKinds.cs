namespace ChatTriageBot.Triage;

/// <summary>
/// The kinds of built-in redaction: the name in a placeholder (<c>&lt;CARD_1&gt;</c>), in the receipt ("1 card") and in
/// <c>Redaction__Disabled__N</c>. Each format belongs to one kind.
/// </summary>
internal static class RedactionKinds
{
    public const string PrivateKey = "PRIVATE_KEY";
    public const string Jwt = "JWT";
    public const string Credential = "CREDENTIAL";
    public const string Session = "SESSION";
    public const string Password = "PASSWORD";
    public const string Secret = "SECRET";
    public const string Email = "EMAIL";
    public const string Iban = "IBAN";
    public const string Bic = "BIC";
    public const string Card = "CARD";
    public const string NationalId = "NATIONAL_ID";
    public const string DateOfBirth = "DATE_OF_BIRTH";
    public const string Address = "ADDRESS";
    public const string Phone = "PHONE";
    public const string Ip = "IP";

    /// <summary>Every built-in kind, in the order their formats are applied.</summary>
    public static readonly IReadOnlyList<string> All =
        [PrivateKey, Jwt, Credential, Session, Password, Secret, Email, Iban, Bic, Card, NationalId, DateOfBirth, Address, Phone, Ip];
}
