using System.Data.Common;
using System.Reflection;
using ChatTriageBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace ChatTriageBot.Benchmarks;

/// <summary>
/// Writes a benchmark's generated entity records into a migrated database as fast as its provider takes them: on
/// SQLite one prepared <c>INSERT</c> re-run per row in one transaction per table, on PostgreSQL a binary <c>COPY</c>
/// per table. Table and column names, the values stored (the model's value converters: enums as text, times as Unix
/// milliseconds on SQLite and UTC on PostgreSQL) come from the bot's EF model for that provider, so the rows are what
/// the bot itself would have written. Every column is written, keys included, so the rows refer to each other as
/// generated.
/// </summary>
internal static class BulkLoad
{
    /// <summary>Writes the deployment, parents before children (the foreign keys hold throughout), then refreshes the planner's statistics.</summary>
    public static async Task LoadAsync(TriageDbContext db, CostsDeployment deployment)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db is SqliteTriageDbContext)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=OFF;");
            }

            await WriteAsync(db, deployment.Triages);
            await WriteAsync(db, deployment.Requests);
            await WriteAsync(db, deployment.Blamed);
            await WriteAsync(db, deployment.Fixes);
            await WriteAsync(db, deployment.Outcomes);
            await WriteAsync(db, deployment.Feedback);
            await WriteAsync(db, deployment.Usage);

            // PostgreSQL: VACUUM also sets the visibility map, without which the report's covering indexes cannot be read
            // alone (an index-only scan visits the table for every row whose page is not known all-visible).
            await db.Database.ExecuteSqlRawAsync(db is SqliteTriageDbContext ? "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" : "VACUUM ANALYZE;");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task WriteAsync<T>(TriageDbContext db, IEnumerable<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Select(p => new Column(sql.DelimitIdentifier(p.GetColumnName(table)!), p.PropertyInfo!, p.GetTypeMapping().Converter)).ToList();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        var columnList = string.Join(", ", columns.Select(c => c.Name));
        if (db.Database.GetDbConnection() is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, $"COPY {tableName} ({columnList}) FROM STDIN (FORMAT BINARY)", columns, rows);
        }
        else
        {
            await InsertAsync(db.Database.GetDbConnection(), $"INSERT INTO {tableName} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", columns, rows);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copy, List<Column> columns, IEnumerable<T> rows)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var column in columns)
            {
                if (column.Value(row) is { } value)
                {
                    // The value's own type (long, int, bool, string, DateTimeOffset) is the column's type, as the model maps it.
                    await importer.WriteAsync(value);
                }
                else
                {
                    await importer.WriteNullAsync();
                }
            }
        }

        await importer.CompleteAsync();
    }

    private static async Task InsertAsync<T>(DbConnection connection, string insert, List<Column> columns, IEnumerable<T> rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = insert;
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }

        await command.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                command.Parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>A column: its quoted name, the property it holds, and the model's converter to the stored value.</summary>
    private sealed record Column(string Name, PropertyInfo Property, ValueConverter? Converter)
    {
        public object? Value(object? row)
        {
            var value = Property.GetValue(row);
            return value is not null && Converter is not null ? Converter.ConvertToProvider(value) : value;
        }
    }
}
