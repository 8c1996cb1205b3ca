using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Drops a constraint or an index. <see cref="Concurrently"/> drops an index without blocking reads or writes (outside a
/// transaction, and rerunnable: <c>IF EXISTS</c>).
/// </summary>
internal sealed record DropConstraint(QualifiedName Table, IConstraintSchema Constraint) : MigrationOperation
{
    public bool Concurrently { get; init; }

    public override string Describe() => $"Drop {Kind(Constraint)} {Constraint.Name} on {Display(Table)}{(Concurrently ? ", concurrently" : "")}";

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
