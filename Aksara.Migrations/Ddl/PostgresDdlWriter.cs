using System.Text;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Migrations.Ddl;

/// <summary>
/// Writes the PostgreSQL statements of one <see cref="MigrationOperation"/>. Every identifier is quoted; types, defaults,
/// predicates and check expressions are SQL from the models and are written as they are.
/// </summary>
internal static class PostgresDdlWriter
{
    /// <summary>The marker that precedes every statement that deletes data, so that a reviewer (or grep) finds it.</summary>
    public const string DestructiveMarker = "aksara:destructive";

    /// <summary>The statements, each ending in <c>;</c>; a destructive one is preceded by a <c>-- aksara:destructive</c> comment line.</summary>
    public static IReadOnlyList<string> Write(MigrationOperation operation)
    {
        var statements = Statements(operation).ToList();
        if (operation.IsDestructive)
            statements[0] = $"-- {DestructiveMarker}: {operation.Describe()}\n{statements[0]}";
        return statements;
    }

    private static IEnumerable<string> Statements(MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateExtension extension:
                yield return $"CREATE EXTENSION IF NOT EXISTS {Quote(extension.Name)};";
                break;
            case CreateSchema schema:
                yield return $"CREATE SCHEMA IF NOT EXISTS {Quote(schema.Name)};";
                break;
            case CreateTable create:
                yield return CreateTableStatement(create);
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
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} TYPE {alter.ToType} USING {Quote(alter.Column)}::{alter.ToType};";
                break;
            case AlterColumnDefault alter:
                yield return alter.Default is null
                    ? $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} DROP DEFAULT;"
                    : $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} SET DEFAULT {alter.Default};";
                break;
            case AlterColumnNullability alter when alter.Nullable:
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} DROP NOT NULL;";
                break;
            case AlterColumnNullability alter:
                if (alter.BackfillWith is not null)
                    yield return $"UPDATE {Quote(alter.Table)} SET {Quote(alter.Column)} = {alter.BackfillWith} WHERE {Quote(alter.Column)} IS NULL;";
                yield return $"ALTER TABLE {Quote(alter.Table)} ALTER COLUMN {Quote(alter.Column)} SET NOT NULL;";
                break;
            case AddConstraint add:
                yield return $"ALTER TABLE {Quote(add.Table)} ADD {ConstraintDefinition(add.Constraint)};";
                break;
            case DropConstraint { Constraint: IndexSchema index } drop:
                yield return $"DROP INDEX {Quote(new QualifiedName(drop.Table.Schema, index.Name))};";
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
                yield return CreateIndexStatement(create.Table, create.Index, concurrently: false);
                break;
            default:
                throw new NotSupportedException($"No DDL for {operation.GetType().Name}.");
        }
    }

    public static string CreateIndexStatement(QualifiedName table, IndexSchema index, bool concurrently)
    {
        var sql = new StringBuilder("CREATE ");
        if (index.Unique)
            sql.Append("UNIQUE ");
        sql.Append("INDEX ");
        if (concurrently)
            sql.Append("CONCURRENTLY ");
        sql.Append(Quote(index.Name)).Append(" ON ").Append(Quote(table))
            .Append(" USING ").Append(MethodName(index.Method))
            .Append(" (").Append(QuoteList(index.Columns)).Append(')');
        if (index.Where is not null)
            sql.Append(" WHERE (").Append(index.Where).Append(')');
        return sql.Append(';').ToString();
    }

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
        return $"CREATE TABLE {Quote(table.QualifiedName)} (\n    {string.Join(",\n    ", lines)}\n);";
    }

    private static string ColumnDefinition(ColumnSchema column)
    {
        var sql = new StringBuilder(Quote(column.Name)).Append(' ').Append(column.Type);
        if (!column.Nullable)
            sql.Append(" NOT NULL");
        if (column.Default is not null)
            sql.Append(" DEFAULT ").Append(column.Default);
        return sql.ToString();
    }

    private static string ConstraintDefinition(IConstraintSchema constraint) => $"CONSTRAINT {Quote(constraint.Name)} " + constraint switch
    {
        PrimaryKeySchema key => $"PRIMARY KEY ({QuoteList(key.Columns)})",
        UniqueConstraintSchema unique => $"UNIQUE ({QuoteList(unique.Columns)})",
        CheckConstraintSchema check => $"CHECK ({check.Expression})",
        ForeignKeySchema key => $"FOREIGN KEY ({QuoteList(key.Columns)}) REFERENCES {Quote(key.ReferencedTableName)} ({QuoteList(key.ReferencedColumns)}) ON DELETE {ForeignKeyActions.Sql(key.OnDelete)}",
        _ => throw new NotSupportedException($"No DDL for {constraint.GetType().Name}."),
    };
}
