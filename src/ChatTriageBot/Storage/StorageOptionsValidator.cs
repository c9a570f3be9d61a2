using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatTriageBot.Storage;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString) || Parses(() => new SqliteConnectionStringBuilder(options.ConnectionString))
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Storage__ConnectionString is not a SQLite connection string (Data Source=path); for PostgreSQL set Storage__Provider=Postgres.");
        }

        if (options.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail("Storage__ConnectionString is required when Storage__Provider is Postgres.");
            }

            // The message names the key only: a connection string carries the password.
            return Parses(() => new NpgsqlConnectionStringBuilder(options.ConnectionString)) && HasHost(options.ConnectionString)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Storage__ConnectionString is not a PostgreSQL connection string (Host=...;Database=...;Username=...).");
        }

        return ValidateOptionsResult.Fail(
            $"Storage__Provider must be '{StorageProviders.Sqlite}' or '{StorageProviders.Postgres}', not '{options.Provider}'.");
    }

    private static bool HasHost(string connectionString) => !string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Host);

    private static bool Parses(Func<object> parse)
    {
        try
        {
            parse();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
