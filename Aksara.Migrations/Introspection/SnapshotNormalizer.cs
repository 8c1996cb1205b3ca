using Aksara.Migrations.Ddl;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Npgsql;
using NpgsqlTypes;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Turns snapshot tables into the server's spelling of them. PostgreSQL rewrites what it stores (<c>varchar(200)</c> →
/// <c>character varying(200)</c>, <c>'draft'</c> → <c>'draft'::text</c>, <c>IN ('a', 'b')</c> → <c>= ANY (ARRAY[…])</c>,
/// <c>BETWEEN</c> → two comparisons), and no hand-written normaliser keeps up with every rewrite of every version. So each
/// table is created as a temporary table with the very DDL a migration writes, and read back with
/// <see cref="SchemaIntrospector"/>: then the snapshot and the live database compare deparsed form with deparsed form.
/// </summary>
/// <remarks>
/// Runs inside the caller's transaction, which the caller must roll back; temporary tables are invisible to every other
/// session and take no lock on anything the application uses. Scratch tables get names of their own (<c>aksara_drift_3</c>),
/// and so do their indexes, because the snapshot's names may repeat across schemas while every temporary table shares one.
/// Foreign keys are not created: a temporary table cannot reference a permanent one, and a key holds no expression to
/// normalise. A table the server refuses as a whole is built again object by object, each behind its own savepoint, so
/// that one missing type spoils only its own column.
/// </remarks>
internal static class SnapshotNormalizer
{
    private const string TempSchema = "pg_temp";
    private const string ScratchPrefix = "aksara_drift_";
    private const string Savepoint = "aksara_drift_object";

    public static async Task<NormalizedSnapshot> NormalizeAsync(NpgsqlConnection connection, IReadOnlyList<TableSchema> tables, CancellationToken cancellationToken)
    {
        var scratchTables = new Dictionary<string, QualifiedName>(StringComparer.Ordinal);
        var originalNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var rejections = new List<SchemaDifference>();
        for (var i = 0; i < tables.Count; i++)
        {
            var scratch = Scratch(tables[i], $"{ScratchPrefix}{i + 1}", originalNames);
            scratchTables[scratch.Table.Name] = tables[i].QualifiedName;
            if (!await TryCreateWholeAsync(connection, scratch, cancellationToken).ConfigureAwait(false))
                rejections.AddRange(await CreateObjectByObjectAsync(connection, scratch, tables[i].QualifiedName, originalNames, cancellationToken).ConfigureAwait(false));
        }

        var oids = await ScratchOidsAsync(connection, scratchTables, cancellationToken).ConfigureAwait(false);
        var read = await SchemaIntrospector.ReadCatalogAsync(connection, oids, cancellationToken).ConfigureAwait(false);
        var normalized = read.ToDictionary(table => table.Name, table => table with
        {
            Constraints = table.Constraints.Select(constraint => constraint with { Name = originalNames.GetValueOrDefault(constraint.Name, constraint.Name) }).ToList(),
            Indexes = table.Indexes.Select(index => index with { Name = originalNames.GetValueOrDefault(index.Name, index.Name) }).ToList(),
        });
        return new NormalizedSnapshot(normalized, rejections);
    }

    /// <summary>The scratch copy's DDL parts, its primary key, unique constraints and indexes renamed (<paramref name="originalNames"/> maps back).</summary>
    private static ScratchTable Scratch(TableSchema table, string scratchName, Dictionary<string, string> originalNames)
    {
        string Rename(string original, string suffix)
        {
            var name = $"{scratchName}_{suffix}";
            originalNames[name] = original;
            return name;
        }

        var primaryKey = table.PrimaryKey is { } key ? key with { Name = Rename(key.Name, "pk") } : null;
        var unique = table.UniqueConstraints.Select((constraint, j) => constraint with { Name = Rename(constraint.Name, $"u{j + 1}") }).ToList();
        var indexes = table.Indexes.Select((index, j) => index with { Name = Rename(index.Name, $"i{j + 1}") }).ToList();
        // A serial's sequence already exists in the database; the comparer checks that the column owns it.
        var columns = table.Columns.Select(column => column.Sequence is null ? column : column with { Default = null }).ToList();
        var scratch = new TableSchema(TempSchema, scratchName, columns, primaryKey, unique, indexes: [], foreignKeys: [], table.Checks)
        {
            PartitionBy = table.PartitionBy,
        };
        return new ScratchTable(scratch, indexes);
    }

    /// <summary>One round trip: the table and its indexes behind one savepoint. False (and nothing left behind) when the server refuses any of it.</summary>
    private static async Task<bool> TryCreateWholeAsync(NpgsqlConnection connection, ScratchTable scratch, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"));
        foreach (var statement in PostgresDdlWriter.Write(new CreateTable(scratch.Table, [])))
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        foreach (var index in scratch.Indexes)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresDdlWriter.CreateIndexStatement(scratch.Table.QualifiedName, index, concurrently: false)));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}"));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException)
        {
            await ExecuteAsync(connection, $"ROLLBACK TO SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<IReadOnlyList<SchemaDifference>> CreateObjectByObjectAsync(
        NpgsqlConnection connection, ScratchTable scratch, QualifiedName table, IReadOnlyDictionary<string, string> originalNames, CancellationToken cancellationToken)
    {
        var name = scratch.Table.QualifiedName;
        await ExecuteAsync(connection, $"CREATE TABLE {Quote(name)} ()", cancellationToken).ConfigureAwait(false);

        var attempts = scratch.Table.Columns
            .Select(column => (Object: column.Name, What: "column", Statements: PostgresDdlWriter.Write(new AddColumn(name, column))))
            .Concat(scratch.Table.ConstraintsAndIndexes.Select(constraint => (
                Object: originalNames.GetValueOrDefault(constraint.Name, constraint.Name),
                What: DropConstraint.Kind(constraint),
                Statements: PostgresDdlWriter.Write(new AddConstraint(name, constraint)))))
            .Concat(scratch.Indexes.Select(index => (
                Object: originalNames.GetValueOrDefault(index.Name, index.Name),
                What: "index",
                Statements: (IReadOnlyList<string>)[PostgresDdlWriter.CreateIndexStatement(name, index, concurrently: false)])));

        var rejections = new List<SchemaDifference>();
        foreach (var attempt in attempts)
        {
            if (await TryExecuteAsync(connection, attempt.Statements, cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                rejections.Add(SchemaDifference.About(table, attempt.Object, DriftKind.DefinitionRejected,
                    $"the snapshot's {attempt.What} cannot be created in this database ({refusal})"));
            }
        }
        return rejections;
    }

    /// <summary>Null when the statements ran; otherwise the server's reason, with the savepoint rolled back.</summary>
    private static async Task<string?> TryExecuteAsync(NpgsqlConnection connection, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"));
        foreach (var statement in statements)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}"));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (PostgresException ex)
        {
            await ExecuteAsync(connection, $"ROLLBACK TO SAVEPOINT {Savepoint}", cancellationToken).ConfigureAwait(false);
            return ex.MessageText;
        }
    }

    private static async Task<Dictionary<uint, QualifiedName>> ScratchOidsAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<string, QualifiedName> scratchTables, CancellationToken cancellationToken)
    {
        const string sql = "SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = pg_my_temp_schema() AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)";
        var oids = new Dictionary<uint, QualifiedName>();
        if (scratchTables.Count == 0)
            return oids;
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new() { Value = scratchTables.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            oids[reader.GetFieldValue<uint>(0)] = scratchTables[reader.GetString(1)];
        return oids;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <param name="Table">Columns, primary key, unique and check constraints; no indexes and no foreign keys.</param>
    /// <param name="Indexes">The indexes, under their scratch names.</param>
    private sealed record ScratchTable(TableSchema Table, IReadOnlyList<IndexSchema> Indexes);
}
