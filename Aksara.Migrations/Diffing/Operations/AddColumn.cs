using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal sealed record AddColumn(QualifiedName Table, ColumnSchema Column) : MigrationOperation
{
    public override string Describe() =>
        $"Add column {Display(Table)}.{Column.Name} ({Column.Type}{(Column.Nullable ? " NULL" : " NOT NULL")}{(Column.Default is null ? "" : " DEFAULT " + Column.Default)})";

    public override string Slug => $"add_{Table.Name}_{Column.Name}";
}
