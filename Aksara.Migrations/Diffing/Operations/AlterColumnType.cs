using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Changes a column's type with <c>USING column::type</c> (<c>column::text::type</c> with <see cref="ViaText"/>: PostgreSQL
/// casts an enum to another enum only through text). Narrowing changes can lose or reject values.
/// </summary>
internal sealed record AlterColumnType(QualifiedName Table, string Column, string FromType, string ToType, bool IsNarrowing) : MigrationOperation
{
    public bool ViaText { get; init; }

    public override string Describe() =>
        $"Change type of {Display(Table)}.{Column} from {FromType} to {ToType}{(IsNarrowing ? " (narrowing: values that do not fit make it fail or are cut)" : "")}";

    public override string Slug => $"alter_{Table.Name}_{Column}";

    public override bool IsDestructive => IsNarrowing;
}
