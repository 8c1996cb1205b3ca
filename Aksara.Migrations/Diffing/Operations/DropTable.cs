using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record DropTable(QualifiedName Table) : MigrationOperation
{
    public override string Describe() => $"Drop table {Display(Table)} and all its rows";

    public override string Slug => $"drop_{Table.Name}";

    public override bool IsDestructive => true;
}
