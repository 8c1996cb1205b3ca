using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara;

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
            // A type Dapper reads with an Aksara converter is sent by the same one: a model's [Jsonb] POCO goes as jsonb.
            return DapperIntegration.ConverterFor(value.GetType()) is { } converter
                ? converter.CreateParameterForObject(value)
                : ParameterValues.Create(value);
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
