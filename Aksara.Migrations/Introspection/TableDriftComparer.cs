using Aksara.Migrations.Ddl;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Models;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Compares one managed table: the live catalog against the snapshot table as the server normalised it. Names decide
/// what is the same object; the deparsed text decides whether it is unchanged. Column order is ignored. An object missing
/// from the normalised table was refused by the server and already reported as <see cref="DriftKind.DefinitionRejected"/>.
/// </summary>
internal static class TableDriftComparer
{
    public static IEnumerable<SchemaDifference> Compare(TableSchema snapshot, CatalogTable normalized, CatalogTable live)
    {
        var table = snapshot.QualifiedName;
        return ComparePartitioning(table, normalized, live)
            .Concat(CompareColumns(table, snapshot, normalized, live))
            .Concat(CompareConstraints(table, snapshot, normalized, live))
            .Concat(CompareIndexes(table, snapshot, normalized, live));
    }

    private static IEnumerable<SchemaDifference> ComparePartitioning(QualifiedName table, CatalogTable normalized, CatalogTable live)
    {
        if (normalized.PartitionBy != live.PartitionBy)
        {
            yield return SchemaDifference.About(table, null, DriftKind.PartitioningDiffers,
                $"table is {Partitioning(live.PartitionBy)} in the database, {Partitioning(normalized.PartitionBy)} in the snapshot");
        }
    }

    private static string Partitioning(string? partitionBy) => partitionBy is null ? "not partitioned" : $"partitioned by {partitionBy}";

    private static IEnumerable<SchemaDifference> CompareColumns(QualifiedName table, TableSchema snapshot, CatalogTable normalized, CatalogTable live)
    {
        foreach (var column in snapshot.Columns)
        {
            var actual = live.FindColumn(column.Name);
            if (actual is null)
            {
                yield return SchemaDifference.About(table, column.Name, DriftKind.ColumnMissing, "column is missing from the database");
                continue;
            }
            if (normalized.FindColumn(column.Name) is not { } expected)
                continue;
            if (expected.Type != actual.Type)
            {
                yield return SchemaDifference.About(table, column.Name, DriftKind.TypeDiffers,
                    $"column is {SqlTypes.Normalize(actual.Type)} in the database, {SqlTypes.Normalize(expected.Type)} in the snapshot");
            }
            if (expected.NotNull != actual.NotNull)
            {
                yield return SchemaDifference.About(table, column.Name, DriftKind.NullabilityDiffers,
                    $"column is {Nullability(actual)} in the database, {Nullability(expected)} in the snapshot");
            }
            if (expected.Identity != actual.Identity)
            {
                yield return SchemaDifference.About(table, column.Name, DriftKind.IdentityDiffers,
                    $"column is {actual.IdentityDescription} in the database, {expected.IdentityDescription} in the snapshot");
            }
            if (column.Sequence is { } sequence)
            {
                if (!actual.DefaultIsOwnSequence || SequenceDefault.SequenceOf(actual.Default) != sequence)
                {
                    var inDatabase = actual switch
                    {
                        { Default: { } value, DefaultIsOwnSequence: true } => $"defaults to {value}, of a sequence it owns,",
                        { Default: { } value } when SequenceDefault.SequenceOf(value) is not null => $"defaults to {value}, of a sequence it does not own,",
                        _ => DefaultDescription(actual),
                    };
                    yield return SchemaDifference.About(table, column.Name, DriftKind.DefaultDiffers,
                        $"column {inDatabase} in the database, defaults to the next value of its own sequence {sequence} (serial) in the snapshot");
                }
            }
            else if (expected.ComparableDefault != actual.ComparableDefault || expected.GenerationExpression != actual.GenerationExpression)
            {
                yield return SchemaDifference.About(table, column.Name, DriftKind.DefaultDiffers,
                    $"column {DefaultDescription(actual)} in the database, {DefaultDescription(expected)} in the snapshot");
            }
        }
        foreach (var column in live.Columns.Where(column => snapshot.FindColumn(column.Name) is null))
            yield return SchemaDifference.About(table, column.Name, DriftKind.ColumnExtra, "column exists in the database but not in the snapshot");
    }

    private static IEnumerable<SchemaDifference> CompareConstraints(QualifiedName table, TableSchema snapshot, CatalogTable normalized, CatalogTable live)
    {
        var constraints = snapshot.ConstraintsAndIndexes.Where(item => item is not IndexSchema).ToList();
        foreach (var constraint in constraints)
        {
            var kind = DropConstraint.Kind(constraint);
            var actual = live.FindConstraint(constraint.Name);
            if (actual is null)
            {
                yield return SchemaDifference.About(table, constraint.Name, DriftKind.ConstraintMissing, $"{kind} is missing from the database");
                continue;
            }
            if (actual.Model?.GetType() != constraint.GetType())
            {
                yield return SchemaDifference.About(table, constraint.Name, DriftKind.ConstraintDiffers,
                    $"constraint is {Article(Kind(actual.Type))} in the database, {Article(kind)} in the snapshot");
                continue;
            }
            if (constraint is ForeignKeySchema key)
            {
                if (!key.Matches(actual.Model) || !actual.HasDefaultForeignKeyOptions)
                {
                    yield return SchemaDifference.About(table, constraint.Name, DriftKind.ConstraintDiffers,
                        $"{kind} is {actual.Definition} in the database, {ForeignKeyDefinition(key)} in the snapshot");
                }
            }
            else if (normalized.FindConstraint(constraint.Name) is { } expected && expected.Definition != actual.Definition)
            {
                yield return SchemaDifference.About(table, constraint.Name, DriftKind.ConstraintDiffers,
                    $"{kind} is {actual.Definition} in the database, {expected.Definition} in the snapshot");
            }
            if (!actual.Validated)
            {
                yield return SchemaDifference.About(table, constraint.Name, DriftKind.ConstraintNotValid,
                    $"{kind} is NOT VALID in the database: rows that existed when it was added were never checked against it; "
                    + $"validate it with ALTER TABLE {Quote(table)} VALIDATE CONSTRAINT {Quote(constraint.Name)};");
            }
        }
        foreach (var actual in live.Constraints.Where(actual => constraints.All(constraint => constraint.Name != actual.Name)))
        {
            yield return SchemaDifference.About(table, actual.Name, DriftKind.ConstraintExtra,
                $"{Kind(actual.Type)} exists in the database but not in the snapshot: {actual.Definition}");
        }
    }

    private static IEnumerable<SchemaDifference> CompareIndexes(QualifiedName table, TableSchema snapshot, CatalogTable normalized, CatalogTable live)
    {
        // An INVALID index is reported as such whatever else is true of it: dropping and rebuilding it is the fix either way.
        foreach (var actual in live.Indexes.Where(index => !index.Valid))
            yield return SchemaDifference.About(table, actual.Name, DriftKind.IndexInvalid, InvalidIndexDescription(table, snapshot, actual));

        foreach (var index in snapshot.Indexes)
        {
            var actual = live.FindPlainIndex(index.Name);
            if (actual is null)
            {
                yield return SchemaDifference.About(table, index.Name, DriftKind.IndexMissing, "index is missing from the database");
                continue;
            }
            if (!actual.Valid || normalized.FindPlainIndex(index.Name) is not { } expected)
                continue;
            if (expected.DisplayDefinition != actual.DisplayDefinition)
            {
                yield return SchemaDifference.About(table, index.Name, DriftKind.IndexDiffers,
                    $"index is {actual.DisplayDefinition} in the database, {expected.DisplayDefinition} in the snapshot");
            }
        }
        foreach (var actual in live.Indexes.Where(index => index.Valid && !index.BacksConstraint && snapshot.Indexes.All(candidate => candidate.Name != index.Name)))
        {
            yield return SchemaDifference.About(table, actual.Name, DriftKind.IndexExtra,
                $"index exists in the database but not in the snapshot: {actual.DisplayDefinition}");
        }
    }

    private static string InvalidIndexDescription(QualifiedName table, TableSchema snapshot, CatalogIndex index)
    {
        var drop = $"DROP INDEX CONCURRENTLY {Quote(new QualifiedName(table.Schema, index.Name))};";
        var description = "index is INVALID (the remains of a failed CREATE INDEX CONCURRENTLY; queries never use it): ";
        if (snapshot.Indexes.FirstOrDefault(candidate => candidate.Name == index.Name) is { } wanted)
            return description + $"rebuild it with {drop} then {PostgresDdlWriter.CreateIndexStatement(table, wanted, concurrently: true)}";
        if (snapshot.ConstraintsAndIndexes.Any(candidate => candidate.Name == index.Name))
            return description + $"drop it with {drop} then run aksara migrate again";
        return description + $"it is not in the snapshot either; drop it with {drop}";
    }

    private static string Nullability(CatalogColumn column) => column.NotNull ? "NOT NULL" : "nullable";

    private static string DefaultDescription(CatalogColumn column) => column switch
    {
        { GenerationExpression: { } expression } => $"is GENERATED ALWAYS AS ({expression}) STORED",
        { DefaultIsOwnSequence: true } => "defaults to the next value of its own sequence (serial)",
        { Default: { } value } => $"defaults to {value}",
        _ => "has no default",
    };

    /// <summary>The snapshot's key in <c>pg_get_constraintdef</c>'s words, so that the two sides of the message read alike.</summary>
    private static string ForeignKeyDefinition(ForeignKeySchema key)
    {
        var definition = $"FOREIGN KEY ({string.Join(", ", key.Columns)}) REFERENCES {MigrationOperation.Display(key.ReferencedTableName)}({string.Join(", ", key.ReferencedColumns)})";
        if (key.OnUpdate != OnUpdate.NoAction)
            definition += $" ON UPDATE {ForeignKeyActions.Sql(key.OnUpdate)}";
        return key.OnDelete == OnDelete.NoAction ? definition : $"{definition} ON DELETE {ForeignKeyActions.Sql(key.OnDelete)}";
    }

    private static string Kind(CatalogConstraintType type) => type switch
    {
        CatalogConstraintType.PrimaryKey => "primary key",
        CatalogConstraintType.Unique => "unique constraint",
        CatalogConstraintType.Check => "check constraint",
        CatalogConstraintType.ForeignKey => "foreign key",
        _ => "exclusion constraint",
    };

    private static string Article(string kind) => (kind.StartsWith("exclusion", StringComparison.Ordinal) ? "an " : "a ") + kind;
}
