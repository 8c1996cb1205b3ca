using System.Collections.Concurrent;
using Aksara.Models;
using Aksara.Models.Mapping;
using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>Which <see cref="ValueConverter"/> a value gets: from a model column's <see cref="ColumnType"/>, or from a CLR type alone.</summary>
internal static class ValueConverters
{
    /// <summary>How raw and named parameters are named in errors: they have no column.</summary>
    internal const string QueryParameter = "A query parameter";

    private static readonly ConcurrentDictionary<Type, ValueConverter?> s_byType = new();

    /// <summary>The converter of a column (or of an element of an array column) of <paramref name="valueType"/> mapped to <paramref name="type"/>.</summary>
    internal static ValueConverter Create(Type valueType, ColumnType type, string description)
    {
        if (Nullable.GetUnderlyingType(valueType) is { } underlying)
        {
            var inner = Create(underlying, type, description);
            return (ValueConverter)Activator.CreateInstance(typeof(NullableConverter<>).MakeGenericType(underlying), inner)!;
        }

        var converterType = (type.Kind, type.ElementType) switch
        {
            (ValueKind.Plain or ValueKind.PassThrough, null) => typeof(PlainConverter<>).MakeGenericType(valueType),
            (ValueKind.Plain or ValueKind.PassThrough, { } element) => typeof(PlainArrayConverter<,>).MakeGenericType(valueType, element),
            (ValueKind.Text, null) => typeof(TextConverter),
            (ValueKind.Text, _) => typeof(TextArrayConverter<>).MakeGenericType(valueType),
            (ValueKind.TimestampTz, null) => typeof(TimestampTzConverter),
            (ValueKind.TimestampTz, _) => typeof(TimestampTzArrayConverter<>).MakeGenericType(valueType),
            (ValueKind.UtcDateTime, null) => typeof(UtcDateTimeConverter),
            (ValueKind.UtcDateTime, _) => typeof(UtcDateTimeArrayConverter<>).MakeGenericType(valueType),
            (ValueKind.Enum, null) => typeof(EnumConverter<>).MakeGenericType(valueType),
            (ValueKind.Enum, { } element) => typeof(EnumArrayConverter<,>).MakeGenericType(valueType, element),
            (ValueKind.Json, _) => typeof(JsonbConverter<>).MakeGenericType(valueType),
            _ => throw new InvalidOperationException($"No converter for {type}."),
        };
        return (ValueConverter)Activator.CreateInstance(converterType, type.DbType, description)!;
    }

    /// <summary>
    /// The converter of a value of <paramref name="type"/> sent or read without a column: the type's own mapping in
    /// docs/models.md (System.Text.Json's DOM as jsonb), or null for a type Aksara does not map, which Npgsql handles.
    /// Built once per type.
    /// </summary>
    internal static ValueConverter? ForType(Type type) => s_byType.GetOrAdd(type, static type =>
        ColumnTypes.Resolve(type, column: null, jsonb: false, out _) is { } columnType ? Create(type, columnType, QueryParameter) : null);

    /// <summary>The converter of a <c>[Jsonb]</c> value of <paramref name="type"/> (a POCO, a dictionary, a list stored as JSON).</summary>
    internal static ValueConverter Jsonb(Type type) =>
        Create(type, ColumnTypes.Resolve(type, column: null, jsonb: true, out _)!, QueryParameter);

    /// <summary>The converter of a value whose type is known at compile time: a static field read, no lookup.</summary>
    internal static ValueConverter<T> Of<T>() => Cache<T>.Instance;

    private static class Cache<T>
    {
        internal static readonly ValueConverter<T> Instance = (ValueConverter<T>)(ForType(typeof(T))
            ?? throw new InvalidOperationException($"{TypeNames.Display(typeof(T))} has no Aksara mapping."));
    }
}
