using Aksara.Migrations.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Reads a live database's tables from <c>pg_catalog</c> into the same schema model the snapshot holds: columns
/// (<c>format_type</c> spellings, normalized), defaults, primary keys, unique, check and foreign-key constraints, and the
/// indexes that back no constraint. System schemas, extension-owned tables and the migration journal are left out.
/// </summary>
internal static class SchemaIntrospector
{
    public static async Task<DatabaseSchema> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var tables = await ReadTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        if (tables.Count == 0)
            return DatabaseSchema.Empty;
        var oids = tables.Keys.ToArray();
        var columns = await ReadColumnsAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var constraints = await ReadConstraintsAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var indexes = await ReadIndexesAsync(connection, oids, cancellationToken).ConfigureAwait(false);

        return new DatabaseSchema(tables.Select(pair =>
        {
            var (oid, name) = (pair.Key, pair.Value);
            var owned = constraints[oid].ToList();
            return new TableSchema(
                name.Schema,
                name.Name,
                columns[oid].ToList(),
                owned.OfType<PrimaryKeySchema>().FirstOrDefault(),
                owned.OfType<UniqueConstraintSchema>().ToList(),
                indexes[oid].ToList(),
                owned.OfType<ForeignKeySchema>().ToList(),
                owned.OfType<CheckConstraintSchema>().ToList());
        }));
    }

    private static async Task<Dictionary<uint, QualifiedName>> ReadTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.oid, n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
              AND NOT (n.nspname = 'public' AND c.relname = 'aksara_migrations')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """;
        var tables = new Dictionary<uint, QualifiedName>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            tables[reader.GetFieldValue<uint>(0)] = new QualifiedName(reader.GetString(1), reader.GetString(2));
        return tables;
    }

    private static async Task<ILookup<uint, ColumnSchema>> ReadColumnsAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity <> ''
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;
        var columns = new List<(uint Table, ColumnSchema Column)>();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add((reader.GetFieldValue<uint>(0), new ColumnSchema(
                reader.GetString(1),
                SqlTypes.Normalize(reader.GetString(2)),
                !reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)) { Identity = reader.GetBoolean(5) }));
        }
        return columns.ToLookup(item => item.Table, item => item.Column);
    }

    private static async Task<ILookup<uint, IConstraintSchema>> ReadConstraintsAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT con.conrelid, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                   con.confdeltype::text, pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'u', 'f', 'c')
            """;
        var constraints = new List<(uint Table, IConstraintSchema Constraint)>();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(1);
            var columns = reader.GetFieldValue<string[]>(3);
            IConstraintSchema constraint = reader.GetChar(2) switch
            {
                'p' => new PrimaryKeySchema(name, columns),
                'u' => new UniqueConstraintSchema(name, columns),
                'f' => new ForeignKeySchema(name, columns, reader.GetString(4), reader.GetString(5), reader.GetFieldValue<string[]>(6), OnDeleteOf(reader.GetString(7))),
                _ => new CheckConstraintSchema(name, CheckExpression(reader.GetString(8))),
            };
            constraints.Add((reader.GetFieldValue<uint>(0), constraint));
        }
        return constraints.ToLookup(item => item.Table, item => item.Constraint);
    }

    private static async Task<ILookup<uint, IndexSchema>> ReadIndexesAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT i.indrelid, ic.relname, am.amname, i.indisunique,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)::text[],
                   pg_get_expr(i.indpred, i.indrelid)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            WHERE i.indrelid = ANY($1) AND i.indexprs IS NULL
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
            """;
        var indexes = new List<(uint Table, IndexSchema Index)>();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = tables, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (MethodOf(reader.GetString(2)) is not { } method)
                continue;
            indexes.Add((reader.GetFieldValue<uint>(0), new IndexSchema(
                reader.GetString(1),
                reader.GetFieldValue<string[]>(4),
                method,
                reader.GetBoolean(3),
                reader.IsDBNull(5) ? null : reader.GetString(5))));
        }
        return indexes.ToLookup(item => item.Table, item => item.Index);
    }

    private static OnDelete OnDeleteOf(string code) => code switch
    {
        "r" => OnDelete.Restrict,
        "c" => OnDelete.Cascade,
        "n" => OnDelete.SetNull,
        "d" => OnDelete.SetDefault,
        _ => OnDelete.NoAction,
    };

    private static IndexMethod? MethodOf(string accessMethod) => accessMethod switch
    {
        "btree" => IndexMethod.BTree,
        "gin" => IndexMethod.Gin,
        "gist" => IndexMethod.Gist,
        "brin" => IndexMethod.Brin,
        "hash" => IndexMethod.Hash,
        _ => null,
    };

    /// <summary><c>CHECK ((price &gt;= 0)) NOT VALID</c> → <c>(price &gt;= 0)</c>.</summary>
    private static string CheckExpression(string definition)
    {
        var text = definition.Trim();
        if (text.EndsWith(" NOT VALID", StringComparison.Ordinal))
            text = text[..^" NOT VALID".Length];
        return text.StartsWith("CHECK ", StringComparison.Ordinal) ? text["CHECK ".Length..].Trim() : text;
    }
}
