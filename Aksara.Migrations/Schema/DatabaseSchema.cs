namespace Aksara.Migrations.Schema;

/// <summary>The tables and enum types of a database, each sorted by schema and name: what the snapshot records and what the differ compares.</summary>
internal sealed class DatabaseSchema
{
    public static readonly DatabaseSchema Empty = new([]);

    private readonly Dictionary<QualifiedName, TableSchema> _byName;

    private readonly Dictionary<QualifiedName, EnumTypeSchema> _enumsByName;

    public DatabaseSchema(IEnumerable<TableSchema> tables, IEnumerable<EnumTypeSchema>? enumTypes = null)
    {
        Tables = tables.OrderBy(table => table.QualifiedName).ToArray();
        EnumTypes = (enumTypes ?? []).OrderBy(type => type.QualifiedName).ToArray();
        _enumsByName = new Dictionary<QualifiedName, EnumTypeSchema>();
        foreach (var type in EnumTypes)
        {
            if (!_enumsByName.TryAdd(type.QualifiedName, type))
                throw new AksaraConfigurationException($"Two enum types are named {type.QualifiedName}. Give one of them another [PgEnum] name.");
        }
        _byName = new Dictionary<QualifiedName, TableSchema>();
        foreach (var table in Tables)
        {
            if (!_byName.TryAdd(table.QualifiedName, table))
                throw new AksaraConfigurationException($"Two models map to the same table {table.QualifiedName}. Give one of them another [Table] name.");
        }
    }

    public IReadOnlyList<TableSchema> Tables { get; }

    public IReadOnlyList<EnumTypeSchema> EnumTypes { get; }

    public TableSchema? FindTable(QualifiedName name) => _byName.GetValueOrDefault(name);

    public EnumTypeSchema? FindEnumType(QualifiedName name) => _enumsByName.GetValueOrDefault(name);

    /// <summary>The schemas the tables and enum types live in, <c>public</c> included.</summary>
    public IEnumerable<string> SchemaNames => Tables.Select(table => table.Schema).Concat(EnumTypes.Select(type => type.Schema)).Distinct(StringComparer.Ordinal);
}
