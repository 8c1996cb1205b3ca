using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Aksara.Models.Mapping;
using Aksara.Models.Materialization;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Data;

/// <summary>
/// Dapper-style named parameters (<c>@Email</c> from an object's properties or a dictionary's entries) added to an
/// Aksara command, each made like a positional one, by <see cref="ParameterValues.Create"/>; Npgsql rewrites the names
/// to <c>$n</c>. Unlike Dapper's own parameter code, an enum is its name (not its number), a list is one PostgreSQL
/// array (<c>= ANY(@Ids)</c>, never <c>(@p1, @p2, …)</c>), a timestamp is UTC, and jsonb goes as jsonb.
/// </summary>
internal static class NamedParameters
{
    private static readonly ConcurrentDictionary<Type, NamedProperty[]> s_properties = new();

    /// <summary>Whether <paramref name="values"/> is one of Dapper's own parameter types, which only Dapper can add.</summary>
    internal static bool NeedDapper(object? values) => values is SqlMapper.IDynamicParameters;

    /// <summary>Whether <paramref name="values"/> is a sequence of parameter objects: the statement runs once per element.</summary>
    internal static bool IsSequence(object? values) =>
        values is IEnumerable and not string and not IEnumerable<KeyValuePair<string, object?>> and not IDictionary;

    /// <summary>Adds the parameters the SQL mentions, from a parameter object or a dictionary of values.</summary>
    internal static void AddTo(NpgsqlCommand command, object? values)
    {
        switch (values)
        {
            case null:
                return;
            case IEnumerable<KeyValuePair<string, object?>> entries:
                foreach (var (name, value) in entries)
                {
                    if (IsMentioned(command.CommandText, name.TrimStart('@', ':')))
                        Add(command, name.TrimStart('@', ':'), value);
                }
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is string name && IsMentioned(command.CommandText, name.TrimStart('@', ':')))
                        Add(command, name.TrimStart('@', ':'), entry.Value);
                }
                return;
        }
        foreach (var property in s_properties.GetOrAdd(values.GetType(), NamedProperty.Of))
        {
            // Like Dapper, send only what the statement mentions.
            if (IsMentioned(command.CommandText, property.Name))
                property.AddTo(command, values);
        }
    }

    private static void Add(NpgsqlCommand command, string name, object? value)
    {
        if (value is SqlMapper.ICustomQueryParameter custom)
        {
            // DbString and the like add themselves.
            custom.AddParameter(command, name);
            return;
        }
        var parameter = Create(value);
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
    }

    private static NpgsqlParameter Create(object? value) =>
        // A type Dapper reads with an Aksara converter is sent by the same one: a model's [Jsonb] POCO goes as jsonb.
        value is not null && DapperIntegration.ConverterFor(value.GetType()) is { } converter
            ? converter.CreateParameterForObject(value)
            : ParameterValues.Create(value);

    /// <summary>Whether <paramref name="sql"/> has <c>@name</c> or <c>:name</c> as a whole word, ignoring case as Dapper does.</summary>
    private static bool IsMentioned(string sql, string name)
    {
        for (var at = sql.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = sql.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + name.Length;
            if (at > 0 && sql[at - 1] is '@' or ':' && (end == sql.Length || !(char.IsLetterOrDigit(sql[end]) || sql[end] == '_')))
                return true;
        }
        return false;
    }

    private sealed class NamedProperty(string name, Func<object, object?> get, NpgsqlDbType? nullType)
    {
        internal string Name => name;

        internal static NamedProperty[] Of(Type type) => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetMethod is not null && property.GetIndexParameters().Length == 0)
            .Select(property => new NamedProperty(property.Name, CompileGetter(property), NullType(property.PropertyType)))
            .ToArray();

        internal void AddTo(NpgsqlCommand command, object values)
        {
            var value = get(values);
            if (value is null && nullType is { } type)
            {
                command.Parameters.Add(new NpgsqlParameter { ParameterName = name, Value = DBNull.Value, NpgsqlDbType = type });
                return;
            }
            Add(command, name, value);
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
