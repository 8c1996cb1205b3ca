using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aksara.Models.Mapping;
using Aksara.Values.Converters;
using Npgsql;

namespace Aksara.Data;

/// <summary>
/// The Npgsql parameter for one value whose type is known only at run time (a raw <c>$1</c> argument, a named
/// parameter's property), made by the <see cref="ValueConverter"/> of its type. On every raw query's path, so common
/// types are matched first and go to their converter with no lookup and no second boxing; collection types are
/// looked up once per type.
/// </summary>
internal static class ParameterValues
{
    private static readonly ConcurrentDictionary<Type, ValueConverter?> s_collections = new();

    internal static NpgsqlParameter Create(object? value) => value switch
    {
        null or DBNull => new NpgsqlParameter { Value = DBNull.Value },
        string text => ValueConverters.Of<string>().CreateParameter(text),
        int number => ValueConverters.Of<int>().CreateParameter(number),
        long number => ValueConverters.Of<long>().CreateParameter(number),
        Guid id => ValueConverters.Of<Guid>().CreateParameter(id),
        bool flag => ValueConverters.Of<bool>().CreateParameter(flag),
        DateTimeOffset instant => ValueConverters.Of<DateTimeOffset>().CreateParameter(instant),
        // A Local or Unspecified DateTime would go as `timestamp` and be shifted by the session time zone: refused.
        DateTime instant => ValueConverters.Of<DateTime>().CreateParameter(instant),
        decimal number => ValueConverters.Of<decimal>().CreateParameter(number),
        Enum or JsonDocument or JsonElement or JsonNode => ValueConverters.ForType(value.GetType())!.CreateParameterForObject(value),
        IEnumerable when Collection(value.GetType()) is { } converter => converter.CreateParameterForObject(value),
        // byte[] and whatever Aksara does not map (inet, ranges, …): Npgsql's own mapping.
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>The converter of a <c>T[]</c> or <c>List&lt;T&gt;</c> of mapped elements; null for other sequences (Npgsql's own).</summary>
    private static ValueConverter? Collection(Type type) =>
        s_collections.GetOrAdd(type, static type => ColumnTypes.CollectionElement(type) is null ? null : ValueConverters.ForType(type));
}
