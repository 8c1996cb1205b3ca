using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>Adds a primary key, unique, check or foreign-key constraint to an existing table.</summary>
internal sealed record AddConstraint(QualifiedName Table, IConstraintSchema Constraint) : MigrationOperation
{
    public override string Describe() => Constraint switch
    {
        PrimaryKeySchema key => $"Add primary key {key.Name} on {Display(Table)} ({string.Join(", ", key.Columns)})",
        UniqueConstraintSchema unique => $"Add unique constraint {unique.Name} on {Display(Table)} ({string.Join(", ", unique.Columns)})",
        CheckConstraintSchema check => $"Add check constraint {check.Name} on {Display(Table)}: {check.Expression}",
        ForeignKeySchema key => $"Add foreign key {key.Name}: {Display(Table)} ({string.Join(", ", key.Columns)}) references {Display(key.ReferencedTableName)} ON DELETE {ForeignKeyActions.Sql(key.OnDelete)}",
        _ => $"Add constraint {Constraint.Name} on {Display(Table)}",
    };

    public override string Slug => $"add_{Constraint.Name}";
}
