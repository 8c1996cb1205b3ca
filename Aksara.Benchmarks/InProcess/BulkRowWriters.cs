using System.Text;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>The hand-written ways to insert many <see cref="BulkRow"/>s with Npgsql, each as its documentation shows it.</summary>
internal static class BulkRowWriters
{
    internal const string Columns = "id, seq, name, score, created_at";
    internal const string InsertOne = "INSERT INTO bulk_rows (" + Columns + ") VALUES ($1, $2, $3, $4, $5)";
    internal const string Unnest = "INSERT INTO bulk_rows (" + Columns + ") SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::float8[], $5::timestamptz[])";
    internal const string Copy = "COPY bulk_rows (" + Columns + ") FROM STDIN (FORMAT BINARY)";

    /// <summary>Rows per round trip for the batched and multi-row VALUES writers (5 000 parameters, well under the 65 535 limit).</summary>
    internal const int ChunkSize = 1_000;

    internal static void AddParameters(NpgsqlParameterCollection parameters, BulkRow row)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Seq });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Name });
        parameters.Add(new NpgsqlParameter<double> { TypedValue = row.Score });
        parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = row.CreatedAt });
    }

    internal static async Task OneByOneAsync(NpgsqlConnection connection, ReadOnlyMemory<BulkRow> rows)
    {
        for (var i = 0; i < rows.Length; i++)
        {
            await using var command = new NpgsqlCommand(InsertOne, connection);
            AddParameters(command.Parameters, rows.Span[i]);
            await command.ExecuteNonQueryAsync();
        }
    }

    internal static async Task BatchedAsync(NpgsqlConnection connection, BulkRow[] rows)
    {
        for (var start = 0; start < rows.Length; start += ChunkSize)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var row in rows.AsSpan(start, Math.Min(ChunkSize, rows.Length - start)))
            {
                var command = new NpgsqlBatchCommand(InsertOne);
                AddParameters(command.Parameters, row);
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync();
        }
    }

    internal static async Task MultiRowValuesAsync(NpgsqlConnection connection, BulkRow[] rows)
    {
        for (var start = 0; start < rows.Length; start += ChunkSize)
        {
            var count = Math.Min(ChunkSize, rows.Length - start);
            await using var command = new NpgsqlCommand(MultiRowValuesSql(count), connection);
            foreach (var row in rows.AsSpan(start, count))
                AddParameters(command.Parameters, row);
            await command.ExecuteNonQueryAsync();
        }
    }

    internal static async Task UnnestAsync(NpgsqlConnection connection, BulkRow[] rows)
    {
        var ids = new Guid[rows.Length];
        var seqs = new int[rows.Length];
        var names = new string[rows.Length];
        var scores = new double[rows.Length];
        var createdAt = new DateTime[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            ids[i] = rows[i].Id;
            seqs[i] = rows[i].Seq;
            names[i] = rows[i].Name;
            scores[i] = rows[i].Score;
            createdAt[i] = rows[i].CreatedAt;
        }
        await using var command = new NpgsqlCommand(Unnest, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = scores });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = createdAt });
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task BinaryCopyAsync(NpgsqlConnection connection, BulkRow[] rows)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Copy);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(row.Id, NpgsqlTypes.NpgsqlDbType.Uuid);
            await importer.WriteAsync(row.Seq, NpgsqlTypes.NpgsqlDbType.Integer);
            await importer.WriteAsync(row.Name, NpgsqlTypes.NpgsqlDbType.Text);
            await importer.WriteAsync(row.Score, NpgsqlTypes.NpgsqlDbType.Double);
            await importer.WriteAsync(row.CreatedAt, NpgsqlTypes.NpgsqlDbType.TimestampTz);
        }
        await importer.CompleteAsync();
    }

    private static readonly Dictionary<int, string> s_multiRowSql = [];

    private static string MultiRowValuesSql(int rows)
    {
        lock (s_multiRowSql)
        {
            if (s_multiRowSql.TryGetValue(rows, out var cached))
                return cached;
            var sql = new StringBuilder("INSERT INTO bulk_rows (" + Columns + ") VALUES ");
            for (var i = 0; i < rows; i++)
            {
                var p = i * 5;
                sql.Append(i == 0 ? "" : ", ").Append($"(${p + 1}, ${p + 2}, ${p + 3}, ${p + 4}, ${p + 5})");
            }
            return s_multiRowSql[rows] = sql.ToString();
        }
    }
}
