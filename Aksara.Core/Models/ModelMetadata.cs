using System.Collections.Concurrent;
using Aksara.Data;

namespace Aksara.Models;

/// <summary>
/// Everything Aksara knows about a model class: its table, columns, keys, indexes and checks. Built once per type from
/// the attributes (the first time the type is used), then shared; the model layer and the migrations both read it.
/// </summary>
internal sealed class ModelMetadata
{
    private static readonly ConcurrentDictionary<Type, Lazy<ModelMetadata>> s_cache = new();

    private readonly Dictionary<string, ColumnMetadata> _byColumnName;
    private readonly Dictionary<string, ColumnMetadata> _byPropertyName;

    internal ModelMetadata(
        Type clrType,
        string? schema,
        string tableName,
        string? renamedFrom,
        IReadOnlyList<ColumnMetadata> columns,
        IReadOnlyList<ColumnMetadata> primaryKey,
        string primaryKeyName,
        IReadOnlyList<UniqueMetadata> uniqueConstraints,
        IReadOnlyList<IndexMetadata> indexes,
        IReadOnlyList<CheckMetadata> checks)
    {
        ClrType = clrType;
        Schema = schema;
        TableName = tableName;
        RenamedFrom = renamedFrom;
        Columns = columns;
        PrimaryKey = primaryKey;
        PrimaryKeyName = primaryKeyName;
        UniqueConstraints = uniqueConstraints;
        Indexes = indexes;
        Checks = checks;
        _byColumnName = columns.ToDictionary(column => column.Name, StringComparer.Ordinal);
        _byPropertyName = columns.ToDictionary(column => column.Property.Name, StringComparer.Ordinal);
        QualifiedTableName = schema is null ? SqlIdentifier.Quote(tableName) : $"{SqlIdentifier.Quote(schema)}.{SqlIdentifier.Quote(tableName)}";
    }

    public Type ClrType { get; }

    /// <summary><c>[Table(PartitionBy = …)]</c>: the table's partitioning as SQL, or null for a plain table.</summary>
    public string? PartitionBy { get; init; }

    /// <summary>
    /// <c>[Table(Schema = …)]</c>, else the <see cref="AksaraModuleAttribute.Schema"/> of the model's module; null for the
    /// application's default schema (<c>Aksara:Schema</c>), which migrations resolve from configuration and connections
    /// search first.
    /// </summary>
    public string? Schema { get; }

    /// <summary><c>[Table("name")]</c>, else the snake_case plural of the class name (<c>BlogPost</c> → <c>blog_posts</c>).</summary>
    public string TableName { get; }

    /// <summary><c>[RenamedFrom]</c> on the class: the table's previous name.</summary>
    public string? RenamedFrom { get; }

    /// <summary>In declaration order, base class first (so a <see cref="Model"/>'s <c>id</c>, <c>created_at</c>, <c>updated_at</c> lead).</summary>
    public IReadOnlyList<ColumnMetadata> Columns { get; }

    /// <summary>The key columns in key order: <c>[PrimaryKey(Order = n)]</c> when given, else declaration order.</summary>
    public IReadOnlyList<ColumnMetadata> PrimaryKey { get; }

    /// <summary><c>[PrimaryKey(Name = …)]</c>, else <c>pk_{table}</c>.</summary>
    public string PrimaryKeyName { get; }

    /// <summary>From <c>[Unique]</c> on properties and on the class, names resolved; none on the lone key column itself.</summary>
    public IReadOnlyList<UniqueMetadata> UniqueConstraints { get; }

    /// <summary>From <c>[Index]</c> on properties and on the class, names resolved.</summary>
    public IReadOnlyList<IndexMetadata> Indexes { get; }

    /// <summary>From <c>[Check]</c> on the class, names resolved.</summary>
    public IReadOnlyList<CheckMetadata> Checks { get; }

    /// <summary>
    /// <c>"schema"."table"</c>, quoted for SQL; just <c>"table"</c> in the default schema, so that it is found where the
    /// connection's search_path (set to <c>Aksara:Schema</c>) says, as raw SQL finds it.
    /// </summary>
    internal string QualifiedTableName { get; }

    /// <summary>True for subclasses of <see cref="Model"/>, whose <c>updated_at</c> Aksara maintains.</summary>
    internal bool IsModelSubclass => typeof(Model).IsAssignableFrom(ClrType);

    /// <summary>The metadata of <paramref name="modelType"/>, built on first use and cached; thread-safe.</summary>
    /// <exception cref="AksaraConfigurationException">The type is no model, or a member cannot be mapped (the message names class, property and fix).</exception>
    public static ModelMetadata For(Type modelType)
    {
        ArgumentNullException.ThrowIfNull(modelType);
        // Lazy, so that racing first uses build (and register with Dapper) once; a type that fails keeps failing the same way.
        return s_cache.GetOrAdd(modelType, static type => new Lazy<ModelMetadata>(() => Create(type))).Value;
    }

    public static ModelMetadata For<T>() => Cache<T>.Metadata ??= For(typeof(T));

    /// <summary>A non-abstract class deriving from <see cref="Model"/> or marked <c>[Table]</c>.</summary>
    public static bool IsModelType(Type type) =>
        type is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }
        && (typeof(Model).IsAssignableFrom(type) || type.IsDefined(typeof(TableAttribute), inherit: false));

    /// <summary>The column of a property name (<c>CreatedAt</c>) or a column name (<c>created_at</c>); null when there is none.</summary>
    public ColumnMetadata? Column(string propertyOrColumnName)
    {
        ArgumentNullException.ThrowIfNull(propertyOrColumnName);
        return _byPropertyName.GetValueOrDefault(propertyOrColumnName) ?? _byColumnName.GetValueOrDefault(propertyOrColumnName);
    }

    /// <summary>The column a result column named <paramref name="columnName"/> fills: exact name first, then ignoring case.</summary>
    internal ColumnMetadata? ColumnForResult(string columnName)
    {
        if (_byColumnName.TryGetValue(columnName, out var column))
            return column;
        foreach (var candidate in Columns)
        {
            if (string.Equals(candidate.Name, columnName, StringComparison.OrdinalIgnoreCase))
                return candidate;
        }
        return null;
    }

    public override string ToString() => $"{TypeNames.Display(ClrType)} → {QualifiedTableName}";

    private static ModelMetadata Create(Type type) => ModelMetadataBuilder.Build(type);

    private static class Cache<T>
    {
        internal static ModelMetadata? Metadata;
    }
}
