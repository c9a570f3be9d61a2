using System.Data.Common;

namespace ChatTriageBot.Storage;

/// <summary>
/// The tables of Quartz's ADO job store on PostgreSQL (where replicas' schedulers cluster). The script is the one
/// Quartz itself runs for <c>SchemaProvisioning.CreateIfMissing</c>, read from Quartz.dll so it always matches the
/// Quartz version in use; it only creates what is missing. It runs inside <see cref="StorageMigrator"/>'s lock, so two
/// replicas starting together never race on the same <c>CREATE TABLE</c>, which Quartz's own provisioning would do.
/// </summary>
internal static class QuartzSchema
{
    /// <summary>Quartz's table prefix (its default); PostgreSQL folds the unquoted names to lower case.</summary>
    public const string TablePrefix = "qrtz_";

    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    /// <summary>The statements, in order, with the table prefix filled in.</summary>
    public static IReadOnlyList<string> Statements()
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Quartz.dll carries no '{Resource}'; this Quartz version provisions its schema differently.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal)
            .Split("\n--;;", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(statement => statement.Split('\n').Any(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && line.Trim().Length > 0))
            .ToList();
    }

    public static async Task CreateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var statement in Statements())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
