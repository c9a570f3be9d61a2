using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChatTriageBot.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteTriageDbContext</c> build the model without the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTriageDbContext>
{
    public SqliteTriageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTriageDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
