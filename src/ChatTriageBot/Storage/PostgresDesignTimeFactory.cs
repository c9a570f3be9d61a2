using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatTriageBot.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgresTriageDbContext --output-dir Storage/Migrations/Postgres</c>
/// build the model without the host or a server (adding a migration does not connect).
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTriageDbContext>
{
    public PostgresTriageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTriageDbContext>().UseNpgsql("Host=localhost;Database=chattriagebot_design").Options);
}
