using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record DropColumn(QualifiedName Table, string Column) : MigrationOperation
{
    public override string Describe() => $"Drop column {Display(Table)}.{Column} and its data";

    public override string Slug => $"remove_{Table.Name}_{Column}";

    public override bool IsDestructive => true;
}
