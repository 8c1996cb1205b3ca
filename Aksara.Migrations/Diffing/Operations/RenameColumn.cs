using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record RenameColumn(QualifiedName Table, string From, string To) : MigrationOperation
{
    public override string Describe() => $"Rename column {Display(Table)}.{From} to {To}";

    public override string Slug => $"rename_{Table.Name}_{From}_to_{To}";
}
