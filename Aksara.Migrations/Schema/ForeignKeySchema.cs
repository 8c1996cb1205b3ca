using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>A foreign key. <see cref="OnUpdate"/> is left out of the snapshot when it is NO ACTION, so older snapshots read unchanged.</summary>
internal sealed record ForeignKeySchema(
    string Name,
    IReadOnlyList<string> Columns,
    string ReferencedSchema,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    OnDelete OnDelete,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] OnUpdate OnUpdate = OnUpdate.NoAction) : IConstraintSchema
{
    public QualifiedName ReferencedTableName => new(ReferencedSchema, ReferencedTable);

    public bool Matches(IConstraintSchema other) =>
        other is ForeignKeySchema key
        && key.Columns.SequenceEqual(Columns, StringComparer.Ordinal)
        && key.ReferencedTableName == ReferencedTableName
        && key.ReferencedColumns.SequenceEqual(ReferencedColumns, StringComparer.Ordinal)
        && key.OnDelete == OnDelete
        && key.OnUpdate == OnUpdate;
}
