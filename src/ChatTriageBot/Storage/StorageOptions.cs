namespace ChatTriageBot.Storage;

/// <summary>Bound from the <c>Storage</c> section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default: a file under <c>Data__Directory</c>) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// Optional for SQLite (defaults to <c>{Data__Directory}/chattriagebot.db</c>); required for PostgreSQL, in Npgsql's
    /// form (<c>Host=db;Database=chattriagebot;Username=bot</c> and the password).
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase);
}
