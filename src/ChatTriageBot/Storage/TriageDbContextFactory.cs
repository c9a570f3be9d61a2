using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatTriageBot.Storage;

/// <summary>Creates a context of the configured provider. Contexts are short-lived: one per unit of work.</summary>
internal sealed class TriageDbContextFactory : IDbContextFactory<TriageDbContext>
{
    private readonly DbContextOptions<SqliteTriageDbContext>? _sqlite;
    private readonly DbContextOptions<PostgresTriageDbContext>? _postgres;

    public TriageDbContextFactory(IOptions<StorageOptions> storage, IOptions<DataOptions> data)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(data);
        IsPostgres = storage.Value.IsPostgres;
        if (IsPostgres)
        {
            ConnectionString = storage.Value.ConnectionString!;
            _postgres = new DbContextOptionsBuilder<PostgresTriageDbContext>().UseNpgsql(ConnectionString).Options;
            return;
        }

        ConnectionString = storage.Value.ConnectionString is { Length: > 0 } configured
            ? configured
            : $"Data Source={Path.Combine(data.Value.FullPath, "chattriagebot.db")};Default Timeout=30";
        _sqlite = new DbContextOptionsBuilder<SqliteTriageDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;
    }

    public string ConnectionString { get; }

    /// <summary>True when the database is PostgreSQL (shared by replicas), false for the SQLite file.</summary>
    public bool IsPostgres { get; }

    public TriageDbContext CreateDbContext() => _postgres is not null ? new PostgresTriageDbContext(_postgres) : new SqliteTriageDbContext(_sqlite!);
}
