namespace Aksara.Migrations.Schema;

internal sealed record ForeignKeySchema(
    string Name,
    IReadOnlyList<string> Columns,
    string ReferencedSchema,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    OnDelete OnDelete) : IConstraintSchema
{
    public QualifiedName ReferencedTableName => new(ReferencedSchema, ReferencedTable);

    public bool Matches(IConstraintSchema other) =>
        other is ForeignKeySchema key
        && key.Columns.SequenceEqual(Columns, StringComparer.Ordinal)
        && key.ReferencedTableName == ReferencedTableName
        && key.ReferencedColumns.SequenceEqual(ReferencedColumns, StringComparer.Ordinal)
        && key.OnDelete == OnDelete;
}
