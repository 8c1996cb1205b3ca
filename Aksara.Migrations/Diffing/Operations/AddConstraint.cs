using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Adds a primary key, unique, check or foreign-key constraint to an existing table. <see cref="NotValid"/> (a check or
/// a foreign key) checks only new rows, so adding it is instant; a <see cref="ValidateConstraint"/> checks the others
/// later. <see cref="UsingIndex"/> (a unique constraint or primary key) adopts the unique index of the same name, built
/// concurrently beforehand, instead of building one under a lock that blocks writes.
/// </summary>
internal sealed record AddConstraint(QualifiedName Table, IConstraintSchema Constraint) : MigrationOperation
{
    public bool NotValid { get; init; }

    public bool UsingIndex { get; init; }

    public override string Describe() => Constraint switch
    {
        PrimaryKeySchema key => $"Add primary key {key.Name} on {Display(Table)} ({string.Join(", ", key.Columns)})",
        UniqueConstraintSchema unique => $"Add unique constraint {unique.Name} on {Display(Table)} ({string.Join(", ", unique.Columns)})",
        CheckConstraintSchema check => $"Add check constraint {check.Name} on {Display(Table)}: {check.Expression}",
        ForeignKeySchema key => $"Add foreign key {key.Name}: {Display(Table)} ({string.Join(", ", key.Columns)}) references {Display(key.ReferencedTableName)} {ForeignKeyActions.Clauses(key)}",
        _ => $"Add constraint {Constraint.Name} on {Display(Table)}",
    } + (NotValid ? ", NOT VALID (checks new rows only, until validated)" : "")
      + (UsingIndex ? $", using the unique index {Constraint.Name}" : "");

    public override string Slug => $"add_{Constraint.Name}";
}
