using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// Creates the Npgsql parameter for one CLR value, with the PostgreSQL type Aksara maps it to. The single place raw
/// positional parameters (<c>$1, $2, …</c>) are made, so it is on every query's path: common types are matched first
/// and get a generic <see cref="NpgsqlParameter{T}"/> (no second boxing, no type inference), and collection types are
/// inspected once per type, not once per call.
/// </summary>
internal static class ParameterValues
{
    private const string RawParameter = "A query parameter";

    private static readonly ConcurrentDictionary<Type, Func<object, NpgsqlParameter>?> s_collections = new();

    internal static NpgsqlParameter Create(object? value) => value switch
    {
        null or DBNull => new NpgsqlParameter { Value = DBNull.Value },
        string text => new NpgsqlParameter<string> { TypedValue = TextValues.EnsureStorable(text, RawParameter) },
        int number => new NpgsqlParameter<int> { TypedValue = number },
        long number => new NpgsqlParameter<long> { TypedValue = number },
        Guid id => new NpgsqlParameter<Guid> { TypedValue = id },
        bool flag => new NpgsqlParameter<bool> { TypedValue = flag },
        // Npgsql writes timestamptz only at offset 0; the instant is unchanged.
        DateTimeOffset instant => new NpgsqlParameter<DateTimeOffset> { TypedValue = instant.ToUniversalTime() },
        // A Local or Unspecified DateTime would go as `timestamp` and be shifted by the session time zone: refuse it.
        DateTime instant => new NpgsqlParameter<DateTime> { TypedValue = UtcDateTimes.Ensure(instant, RawParameter) },
        decimal number => new NpgsqlParameter<decimal> { TypedValue = number },
        // Enums are stored as their names (text), never as numbers.
        Enum member => new NpgsqlParameter<string> { TypedValue = member.ToString(), NpgsqlDbType = NpgsqlDbType.Text },
        JsonDocument or JsonElement or JsonNode => new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlDbType.Jsonb },
        byte[] => new NpgsqlParameter { Value = value },
        IEnumerable when Collection(value.GetType()) is { } convert => convert(value),
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>An array about to be sent, with the same rules as single values: UTC timestamps and text without NUL.</summary>
    internal static T[]? NormalizeArray<T>(T[]? array)
    {
        if (array is null)
            return null;
        if (typeof(T) == typeof(DateTimeOffset))
            return (T[])(object)((DateTimeOffset[])(object)array).Select(instant => instant.ToUniversalTime()).ToArray();
        if (typeof(T) == typeof(DateTime))
        {
            foreach (var instant in (DateTime[])(object)array)
                UtcDateTimes.Ensure(instant, RawParameter);
        }
        else if (typeof(T) == typeof(string))
        {
            foreach (var text in (string?[])(object)array)
            {
                if (text is not null)
                    TextValues.EnsureStorable(text, RawParameter);
            }
        }
        return array;
    }

    /// <summary>
    /// The conversion a collection type needs (enum elements → text[] of names, timestamps → UTC, text checked), or
    /// null when Npgsql sends it as is. Arrays and <c>List&lt;T&gt;</c> both become PostgreSQL arrays.
    /// </summary>
    private static Func<object, NpgsqlParameter>? Collection(Type type) => s_collections.GetOrAdd(type, static type =>
    {
        var element = ColumnTypes.CollectionElement(type);
        if (element is null)
            return null;
        if (element.IsEnum)
        {
            return value =>
            {
                var names = new List<string?>();
                foreach (var item in (IEnumerable)value)
                    names.Add(item?.ToString());
                return new NpgsqlParameter<string?[]> { TypedValue = names.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
            };
        }
        if (element != typeof(DateTimeOffset) && element != typeof(DateTime) && element != typeof(string))
            return null;
        var normalize = typeof(ParameterValues).GetMethod(nameof(NormalizeCollection), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(element)
            .CreateDelegate<Func<object, NpgsqlParameter>>();
        return normalize;
    });

    private static NpgsqlParameter NormalizeCollection<T>(object value)
    {
        var array = value as T[] ?? ((IEnumerable<T>)value).ToArray();
        return new NpgsqlParameter<T[]> { TypedValue = NormalizeArray(array) };
    }
}

/// <summary>
/// Dapper-style named parameters (<c>@Email</c> from an object's properties) made like the positional ones, by
/// <see cref="ParameterValues.Create"/>. Dapper's own parameter code sends an enum as its number (its type handlers
/// are skipped for enums, Guid and DateTimeOffset) and expands lists into <c>(@p1, @p2, …)</c>; here an enum is its
/// name, a list is one PostgreSQL array (<c>= ANY(@Ids)</c>), a timestamp is UTC, and jsonb goes as jsonb.
/// </summary>
internal sealed class NamedParameters : SqlMapper.IDynamicParameters
{
    private static readonly ConcurrentDictionary<Type, NamedProperty[]> s_properties = new();

    private readonly object _values;

    private NamedParameters(object values) => _values = values;

    /// <summary>
    /// Wraps a plain parameter object. Left to Dapper: null, its own <see cref="SqlMapper.IDynamicParameters"/>, and
    /// sequences (a list of objects runs the statement once per element; a dictionary is a bag of named values).
    /// </summary>
    internal static object? Wrap(object? values) =>
        values is null or SqlMapper.IDynamicParameters or IEnumerable ? values : new NamedParameters(values);

    public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        var sql = command.CommandText;
        foreach (var property in s_properties.GetOrAdd(_values.GetType(), NamedProperty.Of))
        {
            // Like Dapper, send only what the statement mentions.
            if (!property.IsMentionedIn(sql))
                continue;
            if (property.Get(_values) is SqlMapper.ICustomQueryParameter custom)
            {
                // DbString, table-valued parameters and the like add themselves.
                custom.AddParameter(command, property.Name);
                continue;
            }
            var parameter = property.Create(_values);
            parameter.ParameterName = property.Name;
            command.Parameters.Add(parameter);
        }
    }

    private sealed class NamedProperty(string name, Func<object, object?> get, NpgsqlDbType? nullType)
    {
        internal string Name => name;

        internal object? Get(object values) => get(values);

        internal static NamedProperty[] Of(Type type) => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetMethod is not null && property.GetIndexParameters().Length == 0)
            .Select(property => new NamedProperty(property.Name, CompileGetter(property), NullType(property.PropertyType)))
            .ToArray();

        internal NpgsqlParameter Create(object values)
        {
            var value = get(values);
            if (value is null)
                return nullType is { } type ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = type } : ParameterValues.Create(null);
            // jsonb types of models ([Jsonb] POCOs, dictionaries) go through their registered handler.
            if (DapperIntegration.HandlerFor(value.GetType()) is { } handler)
            {
                var parameter = new NpgsqlParameter();
                handler.SetValue(parameter, value);
                return parameter;
            }
            return ParameterValues.Create(value);
        }

        internal bool IsMentionedIn(string sql)
        {
            for (var at = sql.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = sql.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + name.Length;
                if (at > 0 && sql[at - 1] is '@' or ':' && (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')))
                    return true;
            }
            return false;
        }

        /// <summary>A null still has a type, from the property's: `@Email IS NULL` needs one.</summary>
        private static NpgsqlDbType? NullType(Type type) =>
            ColumnTypes.Resolve(type, column: null, jsonb: false, out _)?.DbType;

        private static Func<object, object?> CompileGetter(PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object), "instance");
            var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
        }
    }
}
