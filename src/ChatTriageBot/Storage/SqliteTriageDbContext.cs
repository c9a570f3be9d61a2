using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatTriageBot.Storage;

/// <summary>SQLite flavour: the single-machine default. Its migrations live in <c>Storage/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteTriageDbContext(DbContextOptions<SqliteTriageDbContext> options) : TriageDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot ORDER BY or compare DateTimeOffset values; store them as UTC Unix milliseconds instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
        // SQLite has no decimal type; money is stored as TEXT by default, which cannot be summed in SQL.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));
}
