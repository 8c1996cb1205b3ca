using System.Text;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;
using Aksara.Models;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Migrations.Ddl;

/// <summary>
/// Writes the PostgreSQL statements of one <see cref="MigrationOperation"/>. Every identifier is quoted; types, defaults,
/// predicates and check expressions are SQL from the models and are written as they are.
/// </summary>
internal static class PostgresDdlWriter
{
    /// <summary>
    /// The statements, each ending in <c>;</c>; a destructive one is preceded by a <c>-- aksara:destructive: …</c> comment
    /// line, so that a reviewer (or grep, or the runner before a revert) finds it.
    /// </summary>
    public static IReadOnlyList<string> Write(MigrationOperation operation)
    {
        var statements = Statements(operation).ToList();
        if (operation.IsDestructive)
            statements[0] = $"-- {ScriptDirectives.Destructive}: {operation.Describe()}\n{statements[0]}";
        return statements;
    }

    private static IEnumerable<string> Statements(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateAdoptedObject adopted:
                yield return adopted.Object.Create;
                break;
            case DropAdoptedObject adopted:
                yield return adopted.Object.Drop;
                break;
            case CreateExtension extension:
                yield return $"CREATE EXTENSION IF NOT EXISTS {Quote(extension.Name)};";
                break;
            case CreateSchema schema:
                yield return CreateSchemaStatement(schema.Name);
                break;
            case CreateEnumType create:
                yield return $"CREATE TYPE {Quote(create.Type.QualifiedName)} AS ENUM ({string.Join(", ", create.Type.Labels.Select(Literal))});";
                break;
            case DropEnumType drop:
                yield return $"DROP TYPE {Quote(drop.Type.QualifiedName)};";
                break;
            case AddEnumLabel add:
                // IF NOT EXISTS: a script that failed after it can run again.
                yield return $"ALTER TYPE {Quote(add.Type)} ADD VALUE IF NOT EXISTS {Literal(add.Label)}"
                    + (add.Before is not null ? $" BEFORE {Literal(add.Before)}" : add.After is not null ? $" AFTER {Literal(add.After)}" : "") + ";";
                break;
            case CreateTable create:
                foreach (var column in create.Table.Columns.Where(column => column.Sequence is not null))
                    yield return CreateSequenceStatement(column);
                yield return CreateTableStatement(create);
                foreach (var column in create.Table.Columns.Where(column => column.Sequence is not null))
                    yield return OwnedByStatement(create.Table.QualifiedName, column.Name, column.Sequence!);
                break;
            case DropTable drop:
                yield return $"DROP TABLE {Quote(drop.Table)};";
                break;
            case RenameTable rename:
                if (rename.From.Schema != rename.To.Schema)
                    yield return $"ALTER TABLE {Quote(rename.From)} SET SCHEMA {Quote(rename.To.Schema)};";
                if (rename.From.Name != rename.To.Name)
                    yield return $"ALTER TABLE {Quote(new QualifiedName(rename.To.Schema, rename.From.Name))} RENAME TO {Quote(rename.To.Name)};";
                break;
            case AddColumn { Column.Nullable: false, Placeholder: { } placeholder } add:
                yield return $"ALTER TABLE {Quote(add.Table)} ADD COLUMN {ColumnDefinition(add.Column with { Default = placeholder })};";
                yield return $"ALTER TABLE {Quote(add.Table)} ALTER COLUMN {Quote(add.Column.Name)} DROP DEFAULT;";
                break;
            case AddColumn { Column.Nullable: false, Column.HasDefault: false } add:
                // No placeholder for this type: the column comes back empty, and NOT NULL holds only if the table has no rows.
                yield return $"ALTER TABLE {Quote(add.Table)} ADD COLUMN {ColumnDefinition(add.Column with { Nullable = true })};";
                yield return $"ALTER TABLE {Quote(add.Table)} ALTER COLUMN {Quote(add.Column.Name)} SET NOT NULL;";
                break;
            case AddColumn { Column.Sequence: { } sequence } add:
                yield return CreateSequenceStatement(add.Column);
                yield return $"ALTER TABLE {Quote(add.Table)} ADD COLUMN {ColumnDefinition(add.Column)};";
                yield return OwnedByStatement(add.Table, add.Column.Name, sequence);
                break;
            case AddColumn add:
                yield return $"ALTER TABLE {Quote(add.Table)} ADD COLUMN {ColumnDefinition(add.Column)};";
                break;
            case DropColumn drop:
                yield return $"ALTER TABLE {Quote(drop.Table)} DROP COLUMN {Quote(drop.Column)};";
                break;
            case RenameColumn rename:
                yield return $"ALTER TABLE {Quote(rename.Table)} RENAME COLUMN {Quote(rename.From)} TO {Quote(rename.To)};";
                break;
            case AlterColumnType alter:
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} TYPE {alter.ToType} USING {Quote(alter.Column)}{(alter.ViaText ? "::text" : "")}::{alter.ToType};";
                break;
            case AlterColumnDefault alter when SequenceDefault.SequenceOf(alter.Default) is { } sequence:
                yield return $"CREATE SEQUENCE IF NOT EXISTS {sequence};";
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} SET DEFAULT {alter.Default};";
                yield return OwnedByStatement(alter.Table, alter.Column, sequence);
                // Existing rows keep their numbers; the sequence continues after the highest one instead of colliding with it.
                yield return $"SELECT setval({Literal(sequence)}, COALESCE(max({Quote(alter.Column)}), 0) + 1, false) FROM {Quote(alter.Table)};";
                break;
            case AlterColumnDefault alter:
                yield return alter.Default is null
                    ? $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} DROP DEFAULT;"
                    : $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} SET DEFAULT {alter.Default};";
                break;
            case AlterColumnIdentity { Identity: true } alter:
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} ADD GENERATED BY DEFAULT AS IDENTITY;";
                // Existing rows keep their numbers; the sequence continues after the highest one instead of colliding with it.
                yield return $"SELECT setval(pg_get_serial_sequence({Literal(Quote(alter.Table))}, {Literal(alter.Column)}), "
                    + $"COALESCE(max({Quote(alter.Column)}), 0) + 1, false) FROM {Quote(alter.Table)};";
                break;
            case AlterColumnIdentity alter:
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} DROP IDENTITY IF EXISTS;";
                break;
            case AlterColumnNullability alter when alter.Nullable:
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} DROP NOT NULL;";
                break;
            case AlterColumnNullability alter:
                if (alter.BackfillWith is not null)
                    yield return FillNullsStatement(alter.Table, alter.Column, alter.BackfillWith);
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} SET NOT NULL;";
                break;
            case FillNulls fill:
                yield return FillNullsStatement(fill.Table, fill.Column, fill.Value);
                break;
            case AddConstraint { UsingIndex: true } add:
                var kind = add.Constraint is PrimaryKeySchema ? "PRIMARY KEY" : "UNIQUE";
                yield return $"ALTER TABLE {Quote(add.Table)} ADD CONSTRAINT {Quote(add.Constraint.Name)} {kind} USING INDEX {Quote(add.Constraint.Name)};";
                break;
            case AddConstraint add:
                yield return $"ALTER TABLE {Quote(add.Table)} ADD {ConstraintDefinition(add.Constraint)}{(add.NotValid ? " NOT VALID" : "")};";
                break;
            case ValidateConstraint validate:
                yield return $"ALTER TABLE {Quote(validate.Table)} VALIDATE CONSTRAINT {Quote(validate.Constraint.Name)};";
                break;
            case DropConstraint { Constraint: IndexSchema index } drop:
                yield return drop.Concurrently
                    ? $"DROP INDEX CONCURRENTLY IF EXISTS {Quote(new QualifiedName(drop.Table.Schema, index.Name))};"
                    : $"DROP INDEX {Quote(new QualifiedName(drop.Table.Schema, index.Name))};";
                break;
            case DropConstraint drop:
                yield return $"ALTER TABLE {Quote(drop.Table)} DROP CONSTRAINT {Quote(drop.Constraint.Name)};";
                break;
            case RenameConstraint { Constraint: IndexSchema index } rename:
                yield return $"ALTER INDEX {Quote(new QualifiedName(rename.Table.Schema, index.Name))} RENAME TO {Quote(rename.To)};";
                break;
            case RenameConstraint rename:
                yield return $"ALTER TABLE {Quote(rename.Table)} RENAME CONSTRAINT {Quote(rename.Constraint.Name)} TO {Quote(rename.To)};";
                break;
            case CreateIndex create:
                yield return CreateIndexStatement(create.Table, create.Index, create.Concurrently);
                break;
            default:
                throw new NotSupportedException($"No DDL for {operation.GetType().Name}.");
        }
    }

    /// <summary>
    /// Creates the schema only when it is missing: <c>CREATE SCHEMA IF NOT EXISTS</c> needs CREATE on the database even when
    /// the schema exists, which a migrator that owns only its schema does not have.
    /// </summary>
    public static string CreateSchemaStatement(string name) =>
        $"DO $$ BEGIN IF to_regnamespace({Literal(Quote(name))}) IS NULL THEN CREATE SCHEMA {Quote(name)}; END IF; END $$;";

    public static string CreateIndexStatement(QualifiedName table, IndexSchema index, bool concurrently)
    {
        var sql = new StringBuilder("CREATE ");
        if (index.Unique)
            sql.Append("UNIQUE ");
        sql.Append("INDEX ");
        // A concurrent build runs outside a transaction: if a later statement fails, the script must be able to run again.
        if (concurrently)
            sql.Append("CONCURRENTLY IF NOT EXISTS ");
        sql.Append(Quote(index.Name)).Append(" ON ").Append(Quote(table))
            .Append(" USING ").Append(MethodName(index.Method))
            .Append(" (").Append(index.Expression ?? QuoteList(index.Columns)).Append(')');
        if (index.Where is not null)
            sql.Append(" WHERE (").Append(index.Where).Append(')');
        return sql.Append(';').ToString();
    }

    /// <summary>
    /// The sequence of a serial column, as <c>serial</c> makes it: of the column's integer type. Its name is written as
    /// the default names it, so that both resolve to the same sequence.
    /// </summary>
    private static string CreateSequenceStatement(ColumnSchema column)
    {
        var type = SqlType.Parse(SqlTypes.Normalize(column.Type)).Base;
        var asType = type is "smallint" or "integer" or "bigint" ? $" AS {type}" : "";
        return $"CREATE SEQUENCE {column.Sequence}{asType};";
    }

    /// <summary>Owned by the column, the sequence goes when the column or its table is dropped, as a serial's does.</summary>
    private static string OwnedByStatement(QualifiedName table, string column, string sequence) =>
        $"ALTER SEQUENCE {sequence} OWNED BY {Quote(table)}.{Quote(column)};";

    private static string FillNullsStatement(QualifiedName table, string column, string value) =>
        $"UPDATE {Quote(table)} SET {Quote(column)} = {value} WHERE {Quote(column)} IS NULL;";

    public static string MethodName(IndexMethod method) => method switch
    {
        IndexMethod.Gin => "gin",
        IndexMethod.Gist => "gist",
        IndexMethod.Brin => "brin",
        IndexMethod.Hash => "hash",
        _ => "btree",
    };

    private static string CreateTableStatement(CreateTable create)
    {
        var table = create.Table;
        var lines = table.Columns.Select(ColumnDefinition).ToList();
        if (table.PrimaryKey is not null)
            lines.Add(ConstraintDefinition(table.PrimaryKey));
        lines.AddRange(table.UniqueConstraints.Select(ConstraintDefinition));
        lines.AddRange(table.Checks.Select(ConstraintDefinition));
        lines.AddRange(create.InlineForeignKeys.Select(ConstraintDefinition));
        var partitioning = table.PartitionBy is null ? "" : $" PARTITION BY {table.PartitionBy}";
        return $"CREATE TABLE {Quote(table.QualifiedName)} (\n    {string.Join(",\n    ", lines)}\n){partitioning};";
    }

    private static string ColumnDefinition(ColumnSchema column)
    {
        var sql = new StringBuilder(Quote(column.Name)).Append(' ').Append(column.Type);
        if (!column.Nullable)
            sql.Append(" NOT NULL");
        if (column.Default is not null)
            sql.Append(" DEFAULT ").Append(column.Default);
        if (column.Identity)
            sql.Append(" GENERATED BY DEFAULT AS IDENTITY");
        return sql.ToString();
    }

    private static string ConstraintDefinition(IConstraintSchema constraint) => $"CONSTRAINT {Quote(constraint.Name)} " + constraint switch
    {
        PrimaryKeySchema key => $"PRIMARY KEY ({QuoteList(key.Columns)})",
        UniqueConstraintSchema unique => $"UNIQUE ({QuoteList(unique.Columns)})",
        CheckConstraintSchema check => $"CHECK ({check.Expression})",
        ForeignKeySchema key => $"FOREIGN KEY ({QuoteList(key.Columns)}) REFERENCES {Quote(key.ReferencedTableName)} ({QuoteList(key.ReferencedColumns)}) {ForeignKeyActions.Clauses(key)}",
        _ => throw new NotSupportedException($"No DDL for {constraint.GetType().Name}."),
    };
}
