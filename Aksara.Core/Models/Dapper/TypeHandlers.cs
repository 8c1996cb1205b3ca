using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara;

// Dapper type handlers: Parse runs when Dapper materializes a row (raw FetchAsync<T>, CRUD, typed queries), SetValue
// when a Dapper-style named parameter (`QueryAsync(sql, new { … })`) has that type. Each sets the exact PostgreSQL
// type, because Npgsql would otherwise guess (text for JSON, integer for enums).
// Dapper skips NULL columns of properties, but hands a one-column result of a handled type (FetchAsync<List<string>>)
// to Parse as DBNull: Parse turns that into null, after the cases real values take.

/// <summary>jsonb ↔ <typeparamref name="T"/> through System.Text.Json with <see cref="AksaraJson.Options"/>.</summary>
internal sealed class JsonTypeHandler<T> : SqlMapper.TypeHandler<T>
{
    public override T? Parse(object value) => value switch
    {
        string json => JsonSerializer.Deserialize<T>(json, AksaraJson.Options),
        T already => already,
        // A struct (JsonElement) cannot hold NULL: failing lets the raw API name the column (RowParsers).
        DBNull => typeof(T).IsValueType ? throw new InvalidCastException($"Cannot read NULL as {TypeNames.Display(typeof(T))}.") : default,
        _ => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToElement(value, AksaraJson.Options), AksaraJson.Options),
    };

    public override void SetValue(IDbDataParameter parameter, T? value)
    {
        parameter.Value = value is null ? DBNull.Value : JsonSerializer.Serialize(value, AksaraJson.Options);
        TypedParameters.Set(parameter, NpgsqlDbType.Jsonb);
    }
}

/// <summary><c>timestamptz</c> ↔ <see cref="DateTimeOffset"/>, always at offset 0 (Npgsql refuses to write any other offset).</summary>
internal sealed class DateTimeOffsetTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => ScalarReads.To<DateTimeOffset>(value);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.Value = value.ToUniversalTime();
        TypedParameters.Set(parameter, NpgsqlDbType.TimestampTz);
    }
}

/// <summary>A PostgreSQL array ↔ <c>T[]</c>, sent as one array parameter (never expanded into a list of parameters).</summary>
internal sealed class ArrayTypeHandler<T>(NpgsqlDbType elementType) : SqlMapper.TypeHandler<T[]>
{
    public override T[]? Parse(object value) => ScalarReads.ToArray<T>(value);

    public override void SetValue(IDbDataParameter parameter, T[]? value)
    {
        parameter.Value = (object?)ParameterValues.NormalizeArray(value) ?? DBNull.Value;
        TypedParameters.Set(parameter, NpgsqlDbType.Array | elementType);
    }
}

/// <summary>A PostgreSQL array ↔ <c>List&lt;T&gt;</c>.</summary>
internal sealed class ListTypeHandler<T>(NpgsqlDbType elementType) : SqlMapper.TypeHandler<List<T>>
{
    public override List<T>? Parse(object value) => ScalarReads.ToArray<T>(value) is { } array ? [.. array] : null;

    public override void SetValue(IDbDataParameter parameter, List<T>? value)
    {
        parameter.Value = value is null ? DBNull.Value : ParameterValues.NormalizeArray(value.ToArray());
        TypedParameters.Set(parameter, NpgsqlDbType.Array | elementType);
    }
}

/// <summary><c>text[]</c> of enum names ↔ <c>TEnum[]</c>.</summary>
internal sealed class EnumArrayTypeHandler<TEnum> : SqlMapper.TypeHandler<TEnum[]> where TEnum : struct, Enum
{
    public override TEnum[]? Parse(object value) => EnumReads.Parse<TEnum>(value);

    public override void SetValue(IDbDataParameter parameter, TEnum[]? value)
    {
        parameter.Value = value is null ? DBNull.Value : value.Select(EnumNames<TEnum>.Of).ToArray();
        TypedParameters.Set(parameter, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}

/// <summary><c>text[]</c> of enum names ↔ <c>List&lt;TEnum&gt;</c>.</summary>
internal sealed class EnumListTypeHandler<TEnum> : SqlMapper.TypeHandler<List<TEnum>> where TEnum : struct, Enum
{
    public override List<TEnum>? Parse(object value) => EnumReads.Parse<TEnum>(value) is { } array ? [.. array] : null;

    public override void SetValue(IDbDataParameter parameter, List<TEnum>? value)
    {
        parameter.Value = value is null ? DBNull.Value : value.Select(EnumNames<TEnum>.Of).ToArray();
        TypedParameters.Set(parameter, NpgsqlDbType.Array | NpgsqlDbType.Text);
    }
}

internal static class TypedParameters
{
    internal static void Set(IDbDataParameter parameter, NpgsqlDbType type)
    {
        if (parameter is NpgsqlParameter npgsql)
            npgsql.NpgsqlDbType = type;
    }
}

/// <summary>Values as Npgsql's <c>GetValue</c> returns them (<c>date</c> as DateTime, <c>time</c> as TimeSpan), converted to the property's type.</summary>
internal static class ScalarReads
{
    /// <summary>The array <paramref name="value"/> holds, or null for NULL (<see cref="DBNull"/>).</summary>
    internal static T[]? ToArray<T>(object value) => value switch
    {
        T[] array => array,
        // A [Jsonb] List<T> or T[] property: jsonb reads as its text.
        string json => JsonSerializer.Deserialize<T[]>(json, AksaraJson.Options) ?? [],
        Array array => ConvertAll<T>(array),
        DBNull => null,
        _ => throw new InvalidCastException($"Cannot read a {value.GetType().Name} as {TypeNames.Display(typeof(T[]))}; the column is not an array."),
    };

    internal static T To<T>(object value)
    {
        if (value is T typed)
            return typed;
        object converted = value switch
        {
            DateTime { Kind: DateTimeKind.Utc } utc when typeof(T) == typeof(DateTimeOffset) => new DateTimeOffset(utc),
            // Npgsql reads timestamptz 'infinity' and '-infinity' as DateTime.MaxValue and MinValue, of no kind.
            DateTime infinity when typeof(T) == typeof(DateTimeOffset) && (infinity == DateTime.MinValue || infinity == DateTime.MaxValue) =>
                infinity == DateTime.MinValue ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue,
            DateTime when typeof(T) == typeof(DateTimeOffset) => throw new InvalidCastException(
                "A timestamp without time zone cannot be read as DateTimeOffset: it names no instant. Store instants in timestamptz columns, or read the value as DateTime."),
            DateTime dateTime when typeof(T) == typeof(DateOnly) => DateOnly.FromDateTime(dateTime),
            TimeSpan time when typeof(T) == typeof(TimeOnly) => TimeOnly.FromTimeSpan(time),
            _ => Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture),
        };
        return (T)converted;
    }

    private static T[] ConvertAll<T>(Array array)
    {
        var result = new T[array.Length];
        var i = 0;
        foreach (var item in array)
            result[i++] = item is null ? default! : To<T>(item);
        return result;
    }
}

/// <summary>
/// Enum names read back from text, with an error that names the enum when the text is none of its names. The rule,
/// for properties, arrays and one-column results alike: the text is a member's name, ignoring case (as Dapper's own
/// <c>Enum.Parse(type, text, true)</c> for properties).
/// </summary>
internal static class EnumReads
{
    /// <summary>The members <paramref name="value"/> (<c>text[]</c>, or jsonb text) names, or null for NULL (<see cref="DBNull"/>).</summary>
    internal static TEnum[]? Parse<TEnum>(object value) where TEnum : struct, Enum
    {
        if (value is string json)
            return JsonSerializer.Deserialize<TEnum[]>(json, AksaraJson.Options) ?? [];
        if (value is not string[] names)
        {
            return value is DBNull
                ? null
                : throw new InvalidCastException($"Cannot read a {value.GetType().Name} as {TypeNames.Display(typeof(TEnum[]))}; enum arrays are stored as text[].");
        }
        var result = new TEnum[names.Length];
        for (var i = 0; i < names.Length; i++)
            result[i] = TryParseName<TEnum>(names[i], out var parsed) ? parsed : throw UnknownName(typeof(TEnum), names[i], column: null);
        return result;
    }

    /// <summary>Whether <paramref name="text"/> names a member of <typeparamref name="TEnum"/>, and which.</summary>
    internal static bool TryParseName<TEnum>(string text, out TEnum member) where TEnum : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out member);

    /// <inheritdoc cref="TryParseName{TEnum}(string, out TEnum)"/>
    internal static bool TryParseName(Type enumType, string text, out object? member) =>
        Enum.TryParse(enumType, text, ignoreCase: true, out member);

    /// <summary>
    /// Reads the first column, of text, as <paramref name="enumType"/> by name (<c>FetchAsync&lt;Colour&gt;("SELECT 'Green'")</c>):
    /// null for NULL, <see cref="UnknownName"/> naming <paramref name="column"/> for text that is no member's name.
    /// </summary>
    internal static Func<DbDataReader, object?> FirstColumnByName(Type enumType, string column) => row =>
    {
        if (row.GetValue(0) is not string text)
            return null;
        return TryParseName(enumType, text, out var member) ? member : throw UnknownName(enumType, text, column);
    };

    internal static AksaraException UnknownName(Type enumType, string text, string? column, Exception? inner = null) =>
        new($"{(column is null ? "The database" : $"Column \"{column}\"")} holds '{text}', which is not a name of enum {TypeNames.Display(enumType)} " +
            $"({string.Join(", ", Enum.GetNames(enumType))}). Update the rows to a valid name, or add the missing member to the enum.", inner);
}
