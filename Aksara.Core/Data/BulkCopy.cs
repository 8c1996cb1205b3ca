using Aksara.Models.Binding;
using Aksara.Querying;
using Npgsql;

namespace Aksara.Data;

/// <summary>
/// Streams entities into a table with binary COPY. COPY is one statement, so PostgreSQL applies it whole or not at
/// all: when anything fails before <see cref="NpgsqlBinaryImporter.CompleteAsync"/>, disposing the importer cancels
/// the COPY and no row of the batch remains.
/// </summary>
internal static class BulkCopy
{
    /// <param name="rows">Positioned on the first row (the caller has checked there is one).</param>
    internal static async Task<long> WriteAsync<T>(ConnectionLease lease, EntityStatements<T> statements, IEnumerator<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var map = statements.Map;
        // One timestamp for the batch, as now() is one per transaction.
        var now = DateTimeOffset.UtcNow;
        var first = Row(rows, map, 1, now);
        // Generated columns still unset on the first row (no client-side default) are left to the database, for all rows.
        var omitted = map.UnsetGeneratedMask(first);
        var copy = statements.Copy(omitted);
        var columns = copy.Columns;
        if (columns.Length == 0)
            return await InsertDefaultRowsAsync(lease, statements, rows, omitted, cancellationToken).ConfigureAwait(false);

        await using var importer = await lease.Connection.BeginBinaryImportAsync(copy.Sql, cancellationToken).ConfigureAwait(false);
        var row = first;
        long number = 1;
        while (true)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            foreach (var column in columns)
                await column.WriteAsync(importer, row, cancellationToken).ConfigureAwait(false);

            if (!rows.MoveNext())
                break;
            row = Row(rows, map, ++number, now);
            if (map.Generated.Length != 0 && map.UnsetGeneratedMask(row) is var unset && unset != omitted)
                throw MixedDefaults(map, omitted, unset, number);
        }
        return (long)await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every column is left to its default, and COPY cannot name zero columns: count the rows (checking each as COPY
    /// would), then insert that many rows of defaults in one statement.
    /// </summary>
    private static async Task<long> InsertDefaultRowsAsync<T>(ConnectionLease lease, EntityStatements<T> statements, IEnumerator<T> rows, int omitted, CancellationToken cancellationToken)
        where T : class
    {
        var map = statements.Map;
        long count = 1;
        while (rows.MoveNext())
        {
            var row = Row(rows, map, ++count, DateTimeOffset.UtcNow);
            if (map.UnsetGeneratedMask(row) is var unset && unset != omitted)
                throw MixedDefaults(map, omitted, unset, count);
        }
        await using var command = lease.CreateCommand($"INSERT INTO {statements.Table} SELECT FROM generate_series(1, $1)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = count });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static T Row<T>(IEnumerator<T> rows, EntityMap<T> map, long number, DateTimeOffset now) where T : class
    {
        var row = rows.Current ?? throw new ArgumentException($"Row {number} of the sequence given to InsertManyAsync is null.");
        foreach (var column in map.Generated)
        {
            if (column.FillClientDefault is { } fill && column.HoldsNoValue!(row))
                fill(row, now);
        }
        return row;
    }

    private static InvalidOperationException MixedDefaults<T>(EntityMap<T> map, int firstRow, int thisRow, long number) where T : class
    {
        var bit = Enumerable.Range(0, map.Generated.Length).First(bit => ((firstRow ^ thisRow) & (1 << bit)) != 0);
        var column = map.Generated[bit].Column;
        var (unsetIn, setIn) = (firstRow & (1 << bit)) != 0 ? ("row 1", $"row {number}") : ($"row {number}", "row 1");
        var defaultSql = column.DefaultSql ?? "identity";
        return new InvalidOperationException(
            $"InsertManyAsync: {unsetIn} leaves {column.Description} to its database default ({defaultSql}), but {setIn} sets it. " +
            "Binary COPY writes the same columns for every row: set it on every row, or on none. No row was inserted.");
    }
}
