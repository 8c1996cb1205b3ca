namespace Aksara.Migrations.Schema;

/// <summary>The tables of a database, sorted by schema and name: what the snapshot records and what the differ compares.</summary>
internal sealed class DatabaseSchema
{
    public static readonly DatabaseSchema Empty = new([]);

    private readonly Dictionary<QualifiedName, TableSchema> _byName;

    public DatabaseSchema(IEnumerable<TableSchema> tables)
    {
        Tables = tables.OrderBy(table => table.QualifiedName).ToArray();
        _byName = new Dictionary<QualifiedName, TableSchema>();
        foreach (var table in Tables)
        {
            if (!_byName.TryAdd(table.QualifiedName, table))
                throw new AksaraConfigurationException($"Two models map to the same table {table.QualifiedName}. Give one of them another [Table] name.");
        }
    }

    public IReadOnlyList<TableSchema> Tables { get; }

    public TableSchema? FindTable(QualifiedName name) => _byName.GetValueOrDefault(name);

    /// <summary>The schemas the tables live in, <c>public</c> included.</summary>
    public IEnumerable<string> SchemaNames => Tables.Select(table => table.Schema).Distinct(StringComparer.Ordinal);
}
