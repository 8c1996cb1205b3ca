using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>A table with everything that hangs off it. Columns keep their declared order; the rest is kept sorted by name.</summary>
internal sealed record TableSchema
{
    public TableSchema(
        string schema,
        string name,
        IReadOnlyList<ColumnSchema> columns,
        PrimaryKeySchema? primaryKey = null,
        IReadOnlyList<UniqueConstraintSchema>? uniqueConstraints = null,
        IReadOnlyList<IndexSchema>? indexes = null,
        IReadOnlyList<ForeignKeySchema>? foreignKeys = null,
        IReadOnlyList<CheckConstraintSchema>? checks = null)
    {
        Schema = schema;
        Name = name;
        Columns = columns;
        PrimaryKey = primaryKey;
        UniqueConstraints = Sorted(uniqueConstraints);
        Indexes = Sorted(indexes);
        ForeignKeys = Sorted(foreignKeys);
        Checks = Sorted(checks);
    }

    public string Schema { get; init; }
    public string Name { get; init; }
    public IReadOnlyList<ColumnSchema> Columns { get; init; }
    public PrimaryKeySchema? PrimaryKey { get; init; }
    public IReadOnlyList<UniqueConstraintSchema> UniqueConstraints { get; init; }
    public IReadOnlyList<IndexSchema> Indexes { get; init; }
    public IReadOnlyList<ForeignKeySchema> ForeignKeys { get; init; }
    public IReadOnlyList<CheckConstraintSchema> Checks { get; init; }

    /// <summary>The partitioning (<c>RANGE (at)</c>, as <c>pg_get_partkeydef</c> prints it) of a partitioned table; null for a plain one.</summary>
    public string? PartitionBy { get; init; }

    /// <summary>The name the table had before (from <c>[RenamedFrom]</c>, <c>name</c> or <c>schema.name</c>); a hint for the differ.</summary>
    [JsonIgnore]
    public string? RenamedFrom { get; init; }

    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);

    public ColumnSchema? FindColumn(string name) => Columns.FirstOrDefault(column => column.Name == name);

    /// <summary>Every constraint and index of the table, the primary key first.</summary>
    [JsonIgnore]
    public IEnumerable<IConstraintSchema> ConstraintsAndIndexes =>
        (PrimaryKey is null ? [] : new IConstraintSchema[] { PrimaryKey })
            .Concat(UniqueConstraints).Concat(Checks).Concat(ForeignKeys).Concat(Indexes);

    private static IReadOnlyList<T> Sorted<T>(IReadOnlyList<T>? items) where T : IConstraintSchema =>
        items is null ? [] : items.OrderBy(item => item.Name, StringComparer.Ordinal).ToArray();
}
