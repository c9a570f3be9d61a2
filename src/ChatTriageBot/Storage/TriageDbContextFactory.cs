using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

/// <summary>Creates a context of the configured provider. Contexts are short-lived: one per unit of work.</summary>
internal sealed class TriageDbContextFactory : IDbContextFactory<TriageDbContext>
{
    private readonly DbContextOptions<SqliteTriageDbContext> _sqlite;

    public TriageDbContextFactory(IOptions<StorageOptions> storage, IOptions<DataOptions> data)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(data);
        ConnectionString = storage.Value.ConnectionString is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(data.Value.FullPath, "chattriagebot.db")};Default Timeout=30";
        _sqlite = new DbContextOptionsBuilder<SqliteTriageDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
    }

    public string ConnectionString { get; }

    public TriageDbContext CreateDbContext() => new SqliteTriageDbContext(_sqlite);
}
