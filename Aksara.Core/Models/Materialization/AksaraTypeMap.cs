using System.Reflection;
using Dapper;

namespace Aksara.Models.Materialization;

/// <summary>
/// Dapper's view of a result type. For a model, result columns fill the properties the metadata maps them to (so
/// <c>[Column("x")]</c> works); anything else falls back to Dapper's own snake_case matching (e.g. an <c>[Ignore]</c>d
/// property filled by a computed column of a raw query).
/// </summary>
/// <remarks>
/// Dapper asks for the map while holding its type-map lock, so nothing happens at construction. The type is prepared
/// (model metadata built, type handlers registered) on the first call, which Dapper makes before it emits the
/// deserializer, outside that lock.
/// </remarks>
internal sealed class AksaraTypeMap(Type type, SqlMapper.ITypeMap fallback) : SqlMapper.ITypeMap
{
    private readonly SqlMapper.ITypeMap _fallback = fallback;
    private ModelMetadata? _metadata;
    private volatile bool _prepared;

    public ConstructorInfo? FindConstructor(string[] names, Type[] types)
    {
        Prepare();
        return _fallback.FindConstructor(names, types);
    }

    public ConstructorInfo? FindExplicitConstructor()
    {
        Prepare();
        return _fallback.FindExplicitConstructor();
    }

    public SqlMapper.IMemberMap? GetConstructorParameter(ConstructorInfo constructor, string columnName)
    {
        Prepare();
        return _fallback.GetConstructorParameter(constructor, columnName);
    }

    public SqlMapper.IMemberMap? GetMember(string columnName)
    {
        Prepare();
        return _metadata?.ColumnForResult(columnName) is { } column ? new ColumnMemberMap(columnName, column.Property) : _fallback.GetMember(columnName);
    }

    private void Prepare()
    {
        if (_prepared)
            return;
        DapperIntegration.Prepare(type);
        if (ModelMetadata.IsModelType(type))
            _metadata = ModelMetadata.For(type);
        _prepared = true;
    }

    private sealed class ColumnMemberMap(string columnName, PropertyInfo property) : SqlMapper.IMemberMap
    {
        public string ColumnName => columnName;
        public Type MemberType => property.PropertyType;
        public PropertyInfo Property => property;
        public FieldInfo? Field => null;
        public ParameterInfo? Parameter => null;
    }
}
