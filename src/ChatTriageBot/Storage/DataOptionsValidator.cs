using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

/// <summary>The data folder must be a path this machine can name; whether it can be written is found when it is first used.</summary>
internal sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail("Data__Directory is empty: give the folder for mirrors, indexes and the SQLite file (default data).");
        }

        try
        {
            _ = Path.GetFullPath(options.Directory);
            return ValidateOptionsResult.Success;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail($"Data__Directory is not a valid folder path: {exception.Message}");
        }
    }
}
