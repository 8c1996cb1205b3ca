using Aksara.Migrations.Running;
using Aksara.Migrations.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Reads tables from <c>pg_catalog</c>: columns, defaults, identity, constraints and indexes, each in the server's own
/// deparsed spelling (<c>format_type</c>, <c>pg_get_expr</c>, <c>pg_get_constraintdef</c>, <c>pg_get_indexdef</c>), so that
/// two reads compare as text. System schemas, extension-owned tables, partitions and the migration journal are left out.
/// </summary>
internal static class SchemaIntrospector
{
    public static QualifiedName DefaultJournalTable => new(AksaraJournal.DefaultSchema, AksaraJournal.DefaultTable);

    /// <summary>Every table and enum type of every user schema, in the snapshot's model.</summary>
    public static async Task<DatabaseSchema> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        var tables = await ReadCatalogAsync(connection, schemas: null, DefaultJournalTable, cancellationToken).ConfigureAwait(false);
        var enumTypes = await ReadEnumTypesAsync(connection, schemas: null, cancellationToken).ConfigureAwait(false);
        return new DatabaseSchema(tables.Select(table => table.ToTableSchema()), enumTypes);
    }

    /// <summary>The enum types of <paramref name="schemas"/> (null: every user schema), labels in their sort order; none an extension owns.</summary>
    public static async Task<IReadOnlyList<EnumTypeSchema>> ReadEnumTypesAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string>? schemas, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e'
              AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND ($1::text[] IS NULL OR n.nspname = ANY($1))
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            ORDER BY n.nspname, t.typname
            """;
        var types = new List<EnumTypeSchema>();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)schemas?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            types.Add(new EnumTypeSchema(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        return types;
    }

    /// <summary>The tables of <paramref name="schemas"/> (null: every user schema), without <paramref name="journalTable"/>.</summary>
    public static async Task<IReadOnlyList<CatalogTable>> ReadCatalogAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string>? schemas, QualifiedName journalTable, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.oid, n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
              AND ($1::text[] IS NULL OR n.nspname = ANY($1))
              AND NOT (n.nspname = $2 AND c.relname = $3)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """;
        var tables = new Dictionary<uint, QualifiedName>();
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)schemas?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = journalTable.Schema });
            command.Parameters.Add(new NpgsqlParameter { Value = journalTable.Name });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                tables[reader.GetFieldValue<uint>(0)] = new QualifiedName(reader.GetString(1), reader.GetString(2));
        }
        return await ReadCatalogAsync(connection, tables, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tables with these oids, each reported under the name given (which need not be its own).</summary>
    public static async Task<IReadOnlyList<CatalogTable>> ReadCatalogAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<uint, QualifiedName> tables, CancellationToken cancellationToken)
    {
        if (tables.Count == 0)
            return [];
        var oids = tables.Keys.ToArray();
        var columns = await ReadColumnsAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var constraints = await ReadConstraintsAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var indexes = await ReadIndexesAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var partitioning = await ReadPartitioningAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        return tables
            .Select(pair => new CatalogTable(pair.Value, columns[pair.Key].ToList(), constraints[pair.Key].ToList(), indexes[pair.Key].ToList(),
                partitioning.GetValueOrDefault(pair.Key)))
            .OrderBy(table => table.Name)
            .ToList();
    }

    private static async Task<ILookup<uint, CatalogColumn>> ReadColumnsAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        // A serial's default is nextval of a sequence that depends automatically ('a') on the column itself.
        const string sql = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                   a.attidentity::text,
                   EXISTS (SELECT 1 FROM pg_depend uses
                           JOIN pg_depend owned ON owned.classid = 'pg_class'::regclass AND owned.objid = uses.refobjid AND owned.deptype = 'a'
                                               AND owned.refclassid = 'pg_class'::regclass AND owned.refobjid = a.attrelid AND owned.refobjsubid = a.attnum
                           JOIN pg_class s ON s.oid = uses.refobjid AND s.relkind = 'S'
                           WHERE uses.classid = 'pg_attrdef'::regclass AND uses.objid = d.oid AND uses.refclassid = 'pg_class'::regclass)
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """;
        var columns = new List<(uint Table, CatalogColumn Column)>();
        await using var command = OidsCommand(sql, connection, tables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add((reader.GetFieldValue<uint>(0), new CatalogColumn(
                reader.GetString(1),
                reader.GetString(2),
                reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetBoolean(7))));
        }
        return columns.ToLookup(item => item.Table, item => item.Column);
    }

    private static async Task<ILookup<uint, CatalogConstraint>> ReadConstraintsAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT con.conrelid, con.conname, con.contype::text,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                   con.confdeltype::text,
                   con.contype <> 'f' OR (con.confmatchtype = 's' AND NOT con.condeferrable),
                   con.convalidated,
                   pg_get_constraintdef(con.oid),
                   con.confupdtype::text
            FROM pg_constraint con
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.conrelid = ANY($1) AND con.contype IN ('p', 'u', 'f', 'c', 'x')
            ORDER BY con.conrelid, con.conname
            """;
        var constraints = new List<(uint Table, CatalogConstraint Constraint)>();
        await using var command = OidsCommand(sql, connection, tables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(1);
            var columns = reader.GetFieldValue<string[]>(3);
            var definition = WithoutNotValid(reader.GetString(10));
            var (type, model) = reader.GetString(2) switch
            {
                "p" => (CatalogConstraintType.PrimaryKey, (IConstraintSchema?)new PrimaryKeySchema(name, columns)),
                "u" => (CatalogConstraintType.Unique, new UniqueConstraintSchema(name, columns)),
                "f" => (CatalogConstraintType.ForeignKey,
                    new ForeignKeySchema(name, columns, reader.GetString(4), reader.GetString(5), reader.GetFieldValue<string[]>(6),
                        OnDeleteOf(reader.GetString(7)), OnUpdateOf(reader.GetString(11)))),
                "c" => (CatalogConstraintType.Check, new CheckConstraintSchema(name, CheckExpression(definition))),
                _ => (CatalogConstraintType.Exclusion, null),
            };
            constraints.Add((reader.GetFieldValue<uint>(0), new CatalogConstraint(name, type, definition, reader.GetBoolean(9), model, reader.GetBoolean(8))));
        }
        return constraints.ToLookup(item => item.Table, item => item.Constraint);
    }

    private static async Task<ILookup<uint, CatalogIndex>> ReadIndexesAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        // The model's columns are the key columns (INCLUDE columns come after indnkeyatts). An expression key has attnum 0
        // and no column name: an index with one is modelled by its keys as SQL instead. Definition still holds all of it
        // (operator classes, INCLUDE, storage options) for comparison.
        const string sql = """
            SELECT i.indrelid, ic.relname, quote_ident(ic.relname), am.amname, i.indisunique, i.indisvalid,
                   EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')),
                   i.indexprs IS NULL,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord)::text[],
                   pg_get_expr(i.indpred, i.indrelid),
                   pg_get_indexdef(i.indexrelid),
                   -- An index on expressions: its keys as SQL, each as the server prints it (no operator class or order).
                   CASE WHEN i.indexprs IS NOT NULL THEN
                       (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ' ORDER BY k) FROM generate_series(1, i.indnkeyatts) k)
                   END
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_am am ON am.oid = ic.relam
            WHERE i.indrelid = ANY($1)
            ORDER BY i.indrelid, ic.relname
            """;
        var indexes = new List<(uint Table, CatalogIndex Index)>();
        await using var command = OidsCommand(sql, connection, tables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = reader.GetString(1);
            var accessMethod = reader.GetString(3);
            var unique = reader.GetBoolean(4);
            var where = reader.IsDBNull(9) ? null : reader.GetString(9);
            var model = MethodOf(accessMethod) is not { } method ? null
                : reader.GetBoolean(7) ? new IndexSchema(name, reader.GetFieldValue<string[]>(8), method, unique, where)
                : new IndexSchema(name, [], method, unique, where, reader.GetString(11));
            var definition = DefinitionFromUsing(reader.GetString(10), reader.GetString(2), unique, accessMethod);
            indexes.Add((reader.GetFieldValue<uint>(0), new CatalogIndex(name, unique, definition, reader.GetBoolean(5), reader.GetBoolean(6), model)));
        }
        return indexes.ToLookup(item => item.Table, item => item.Index);
    }

    private static async Task<Dictionary<uint, string>> ReadPartitioningAsync(NpgsqlConnection connection, uint[] tables, CancellationToken cancellationToken)
    {
        const string sql = "SELECT c.oid, pg_get_partkeydef(c.oid) FROM pg_class c WHERE c.oid = ANY($1) AND c.relkind = 'p'";
        var partitioning = new Dictionary<uint, string>();
        await using var command = OidsCommand(sql, connection, tables);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            partitioning[reader.GetFieldValue<uint>(0)] = reader.GetString(1);
        return partitioning;
    }

    private static NpgsqlCommand OidsCommand(string sql, NpgsqlConnection connection, uint[] oids) =>
        new(sql, connection) { Parameters = { new() { Value = oids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Oid } } };

    /// <summary>
    /// <c>CREATE UNIQUE INDEX ix ON public.t USING btree (a) WHERE …</c> → <c>USING btree (a) WHERE …</c>. The search starts
    /// after the index name, so only a table whose own name holds <c> USING btree </c> could mislead it.
    /// </summary>
    private static string DefinitionFromUsing(string indexDefinition, string quotedIndexName, bool unique, string accessMethod)
    {
        var prefix = $"CREATE {(unique ? "UNIQUE " : "")}INDEX {quotedIndexName} ON ";
        var start = indexDefinition.StartsWith(prefix, StringComparison.Ordinal) ? prefix.Length : 0;
        var at = indexDefinition.IndexOf($" USING {accessMethod} ", start, StringComparison.Ordinal);
        return at < 0 ? indexDefinition : indexDefinition[(at + 1)..];
    }

    private static OnDelete OnDeleteOf(string code) => code switch
    {
        "r" => OnDelete.Restrict,
        "c" => OnDelete.Cascade,
        "n" => OnDelete.SetNull,
        "d" => OnDelete.SetDefault,
        _ => OnDelete.NoAction,
    };

    private static OnUpdate OnUpdateOf(string code) => code switch
    {
        "r" => OnUpdate.Restrict,
        "c" => OnUpdate.Cascade,
        "n" => OnUpdate.SetNull,
        "d" => OnUpdate.SetDefault,
        _ => OnUpdate.NoAction,
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

    private static string WithoutNotValid(string definition)
    {
        var text = definition.Trim();
        return text.EndsWith(" NOT VALID", StringComparison.Ordinal) ? text[..^" NOT VALID".Length] : text;
    }

    /// <summary><c>CHECK ((price &gt;= 0))</c> → <c>(price &gt;= 0)</c>.</summary>
    private static string CheckExpression(string definition) =>
        definition.StartsWith("CHECK ", StringComparison.Ordinal) ? definition["CHECK ".Length..].Trim() : definition;
}
