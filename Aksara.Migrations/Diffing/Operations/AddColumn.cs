using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Adds a column. <see cref="Placeholder"/> is set only on the way back, for a NOT NULL column without a default that the
/// way there dropped: the rows get it, then the column has no default again, as before.
/// </summary>
internal sealed record AddColumn(QualifiedName Table, ColumnSchema Column) : MigrationOperation
{
    public string? Placeholder { get; init; }

    public override string Describe() =>
        $"Add column {Display(Table)}.{Column.Name} ({Column.Type}{(Column.Nullable ? " NULL" : " NOT NULL")}{(Column.Default is null ? "" : " DEFAULT " + Column.Default)})";

    public override string Slug => $"add_{Table.Name}_{Column.Name}";
}
