using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        if (string.Equals(options.Provider, StorageProviders.Postgres, StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Fail("Storage__ConnectionString is required when Storage__Provider is Postgres.")
                : ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Storage__Provider must be '{StorageProviders.Sqlite}' or '{StorageProviders.Postgres}', not '{options.Provider}'.");
    }
}
