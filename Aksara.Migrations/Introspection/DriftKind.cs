namespace Aksara.Migrations.Introspection;

/// <summary>What kind of difference a <see cref="SchemaDifference"/> is; its snake_case name is the JSON <c>kind</c>.</summary>
internal enum DriftKind
{
    TableMissing,
    ColumnMissing,
    ColumnExtra,
    TypeDiffers,
    NullabilityDiffers,
    DefaultDiffers,
    IdentityDiffers,
    ConstraintMissing,
    ConstraintExtra,
    ConstraintDiffers,

    /// <summary>A constraint added <c>NOT VALID</c> and never validated: rows older than it were never checked against it.</summary>
    ConstraintNotValid,
    IndexMissing,
    IndexExtra,
    IndexDiffers,

    /// <summary><c>pg_index.indisvalid</c> is false: the remains of a failed <c>CREATE INDEX CONCURRENTLY</c>, never used by queries.</summary>
    IndexInvalid,

    /// <summary>An enum type of the snapshot is not in the database (the difference's table is the type's name).</summary>
    EnumTypeMissing,

    /// <summary>An enum type has other labels, or its labels in another order, than the snapshot says.</summary>
    EnumLabelsDiffer,

    /// <summary>The table is partitioned otherwise (or not at all) in the database than the snapshot says.</summary>
    PartitioningDiffers,

    /// <summary>The snapshot's definition of an object cannot be created in this database (a type or function it uses is missing).</summary>
    DefinitionRejected,
}
