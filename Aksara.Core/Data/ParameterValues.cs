using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    internal const string RawParameter = "A query parameter";

    private static readonly ConcurrentDictionary<Type, Func<object, NpgsqlParameter>?> s_collections = new();

    internal static NpgsqlParameter Create(object? value) => value switch
    {
        null or DBNull => new NpgsqlParameter { Value = DBNull.Value },
        string text => new NpgsqlParameter<string> { TypedValue = NulFreeText.Ensure(text, RawParameter) },
        int number => new NpgsqlParameter<int> { TypedValue = number },
        long number => new NpgsqlParameter<long> { TypedValue = number },
        Guid id => new NpgsqlParameter<Guid> { TypedValue = id },
        bool flag => new NpgsqlParameter<bool> { TypedValue = flag },
        DateTimeOffset instant => new NpgsqlParameter<DateTimeOffset> { TypedValue = UtcInstants.ToStored(instant) },
        // A Local or Unspecified DateTime would go as `timestamp` and be shifted by the session time zone: refuse it.
        DateTime instant => new NpgsqlParameter<DateTime> { TypedValue = UtcDateTimes.Ensure(instant, RawParameter) },
        decimal number => new NpgsqlParameter<decimal> { TypedValue = number },
        Enum member => new NpgsqlParameter<string> { TypedValue = EnumText.Of(member), NpgsqlDbType = NpgsqlDbType.Text },
        JsonDocument or JsonElement or JsonNode => Jsonb(value, RawParameter),
        byte[] => new NpgsqlParameter { Value = value },
        IEnumerable when Collection(value.GetType()) is { } convert => convert(value),
        _ => new NpgsqlParameter { Value = value },
    };

    /// <summary>A value sent as jsonb, serialized and checked as a jsonb column's value is.</summary>
    internal static NpgsqlParameter Jsonb<T>(T value, string description) =>
        new NpgsqlParameter<string> { TypedValue = JsonbText.Serialize(value, description), NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>An array about to be sent, with the same rules as single values: UTC timestamps and text without NUL.</summary>
    internal static T[]? NormalizeArray<T>(T[]? array)
    {
        if (array is null)
            return null;
        if (typeof(T) == typeof(DateTimeOffset))
            return (T[])(object)UtcInstants.ToStoredAll((DateTimeOffset[])(object)array);
        if (typeof(T) == typeof(DateTime))
            UtcDateTimes.EnsureAll((DateTime[])(object)array, RawParameter);
        else if (typeof(T) == typeof(string))
            NulFreeText.EnsureAll((string?[])(object)array, RawParameter);
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
                    names.Add(item is null ? null : EnumText.Of((Enum)item));
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
