using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatTriageBot.Storage;

/// <summary>
/// <c>INSERT ... ON CONFLICT DO NOTHING RETURNING ...</c> for rows of an entity (one statement for the batch on a
/// server database, one prepared statement re-run per row on SQLite), built from the EF model
/// (table and column names, value converters, identifier quoting), so it stays right for every provider the model
/// maps to (SQLite 3.35+ and PostgreSQL both speak it). It is the hot path of the group commit: a statement per table
/// instead of EF's change tracking per row. Rows that hit a unique constraint are skipped, not errors; the
/// returned rows tell which were written.
/// </summary>
internal static class FastInsert
{
    /// <summary>
    /// Inserts <paramref name="rows"/> in the context's current transaction, skipping any that conflict; returns the
    /// <paramref name="returning"/> properties of the rows written (store values, e.g. generated ids), in no particular order.
    /// </summary>
    public static async Task<List<object?[]>> InsertAsync<T>(TriageDbContext db, IReadOnlyList<T> rows, IReadOnlyList<string> returning, CancellationToken cancellationToken)
        where T : class
    {
        var result = new List<object?[]>(rows.Count);
        if (rows.Count == 0)
        {
            return result;
        }

        var shape = Shapes.GetOrAdd((typeof(T), string.Join(',', returning)), _ => Shape.For(db, typeof(T), returning));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        // SQLite is in-process, so a statement per row costs no round trip, and a row's statement is prepared once and
        // re-run; one statement for many rows would cost more, as SQLite finds each named parameter by a linear search
        // of the statement's names (quadratic in the row count: 15% of the CPU of a busy Slack endpoint). A server
        // database gets the whole batch in one statement, one round trip.
        var perRow = db is SqliteTriageDbContext; // not Database.IsSqlite(): that reads the provider's assembly name each call
        var rowsPerStatement = perRow ? 1 : rows.Count;
        command.CommandText = Statements.GetOrAdd((typeof(T), string.Join(',', returning), rowsPerStatement), key => shape.Sql(key.Rows));
        for (var r = 0; r < rowsPerStatement; r++)
        {
            for (var c = 0; c < shape.Columns.Count; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
            }
        }

        for (var first = 0; first < rows.Count; first += rowsPerStatement)
        {
            for (var r = 0; r < rowsPerStatement; r++)
            {
                for (var c = 0; c < shape.Columns.Count; c++)
                {
                    command.Parameters[(r * shape.Columns.Count) + c].Value = StoreValue(shape.Columns[c], shape.Columns[c].PropertyInfo!.GetValue(rows[first + r]));
                }
            }

            if (shape.Returned == 0)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[shape.Returned];
                for (var i = 0; i < shape.Returned; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                result.Add(values);
            }
        }

        return result;
    }

    private static readonly ConcurrentDictionary<(Type, string), Shape> Shapes = new();
    private static readonly ConcurrentDictionary<(Type Type, string Returning, int Rows), string> Statements = new();

    /// <summary>The columns of an entity and the SQL pieces, worked out once per entity (the model does not change).</summary>
    private sealed record Shape(IReadOnlyList<IProperty> Columns, string Head, string Tail, int Returned)
    {
        public static Shape For(TriageDbContext db, Type type, IReadOnlyList<string> returning)
        {
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).ToList();
            var returned = returning.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{type.Name}.{name} is not mapped.")).ToList();
            var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
            var tail = " ON CONFLICT DO NOTHING" + (returned.Count > 0 ? " RETURNING " + string.Join(", ", returned.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))) : string.Empty);
            return new Shape(columns, head, tail, returned.Count);
        }

        public string Sql(int rows)
        {
            var text = new StringBuilder(Head);
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    text.Append(c == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"@p{r}_{c}");
                }

                text.Append(')');
            }

            return text.Append(Tail).ToString();
        }
    }

    private static object StoreValue(IProperty property, object? value)
    {
        if (value is null)
        {
            return DBNull.Value;
        }

        var converter = property.GetTypeMapping().Converter;
        return converter is null ? value : converter.ConvertToProvider(value) ?? DBNull.Value;
    }
}
