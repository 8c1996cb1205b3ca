using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record DropConstraint(QualifiedName Table, IConstraintSchema Constraint) : MigrationOperation
{
    public override string Describe() => $"Drop {Kind(Constraint)} {Constraint.Name} on {Display(Table)}";

    public override string Slug => $"drop_{Constraint.Name}";

    internal static string Kind(IConstraintSchema constraint) => constraint switch
    {
        PrimaryKeySchema => "primary key",
        UniqueConstraintSchema => "unique constraint",
        CheckConstraintSchema => "check constraint",
        ForeignKeySchema => "foreign key",
        IndexSchema => "index",
        _ => "constraint",
    };
}
