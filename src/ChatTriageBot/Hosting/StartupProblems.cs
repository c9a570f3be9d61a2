using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Hosting;

/// <summary>
/// Turns what configuration validation throws into one plain line per problem, each naming the key
/// (<c>Section__Key</c>, as it is set in the environment or .env), so start-up ends without a stack trace.
/// </summary>
internal static partial class StartupProblems
{
    /// <summary>Validates every option registered with ValidateOnStart; returns the problems, none when all is well.</summary>
    public static IReadOnlyList<string> Check(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (Exception exception) when (Describe(exception) is { Count: > 0 } lines)
        {
            return lines;
        }
    }

    public static IReadOnlyList<string> Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var lines = new List<string>();
        Collect(exception, lines);
        return lines.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(Exception exception, List<string> lines)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, lines);
                }

                break;
            case OptionsValidationException validation:
                foreach (var failure in validation.Failures)
                {
                    lines.AddRange(failure.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Clean));
                }

                break;
            case InvalidOperationException invalid when ConversionFailure().Match(invalid.Message) is { Success: true } match:
                lines.Add($"{match.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal)}: '{match.Groups["value"].Value}' is not a valid {FriendlyType(match.Groups["type"].Value)}.");
                break;
            default:
                break;
        }
    }

    // The generated validators prefix "DataAnnotation validation failed for 'X' members: 'Y' with the error: '...'."
    private static string Clean(string failure) =>
        GeneratedFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    private static string FriendlyType(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "whole number",
        "System.Boolean" => "boolean (true or false)",
        "System.Double" or "System.Decimal" => "number",
        "System.TimeSpan" => "time span (hh:mm:ss)",
        _ => type.Split('.')[^1],
    };

    [GeneratedRegex("Failed to convert configuration value '(?<value>[^']*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'")]
    private static partial Regex ConversionFailure();

    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$")]
    private static partial Regex GeneratedFailure();
}
