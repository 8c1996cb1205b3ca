using System.Text.Json;
using NpgsqlTypes;

namespace Aksara;

/// <summary>Creates the <see cref="ColumnBinder"/> of a column from its property type and <see cref="ColumnType"/>.</summary>
internal static class ColumnBinders
{
    internal static ColumnBinder Create(Type propertyType, ColumnType type, string description)
    {
        if (Nullable.GetUnderlyingType(propertyType) is { } underlying)
        {
            var inner = Create(underlying, type, description);
            return (ColumnBinder)Activator.CreateInstance(typeof(NullableBinder<>).MakeGenericType(underlying), inner)!;
        }

        var binderType = (type.Kind, type.ElementType) switch
        {
            (ValueKind.Plain or ValueKind.PassThrough, _) => typeof(SameValueBinder<>).MakeGenericType(propertyType),
            (ValueKind.Text, null) => typeof(TextBinder),
            (ValueKind.Text, _) => typeof(TextArrayBinder<>).MakeGenericType(propertyType),
            (ValueKind.TimestampTz, null) => typeof(TimestampTzBinder),
            (ValueKind.TimestampTz, _) => typeof(TimestampTzArrayBinder<>).MakeGenericType(propertyType),
            (ValueKind.UtcDateTime, null) => typeof(UtcDateTimeBinder),
            (ValueKind.UtcDateTime, _) => typeof(UtcDateTimeArrayBinder<>).MakeGenericType(propertyType),
            (ValueKind.Enum, null) => typeof(EnumBinder<>).MakeGenericType(propertyType),
            (ValueKind.Enum, { } element) => typeof(EnumArrayBinder<,>).MakeGenericType(propertyType, element),
            (ValueKind.Json, _) => typeof(JsonBinder<>).MakeGenericType(propertyType),
            _ => throw new InvalidOperationException($"No binder for {type}."),
        };
        return (ColumnBinder)Activator.CreateInstance(binderType, type.DbType, description)!;
    }
}

/// <summary>Values Npgsql writes natively for the column's type (uuid, integers, numeric, date, bytea, their arrays, …).</summary>
internal sealed class SameValueBinder<T>(NpgsqlDbType? dbType, string description) : ColumnBinder<T, T>(dbType, description)
{
    private protected override T Convert(T value) => value;
}

internal sealed class TextBinder(NpgsqlDbType? dbType, string description) : ColumnBinder<string, string>(dbType, description)
{
    private protected override string Convert(string value) => TextValues.EnsureStorable(value, Description);
}

internal sealed class TextArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<string?>
{
    private protected override TCollection Convert(TCollection value)
    {
        foreach (var item in value)
        {
            if (item is not null)
                TextValues.EnsureStorable(item, Description);
        }
        return value;
    }
}

internal sealed class TimestampTzBinder(NpgsqlDbType? dbType, string description) : ColumnBinder<DateTimeOffset, DateTimeOffset>(dbType, description)
{
    // Npgsql writes timestamptz only from offset 0; the instant is what PostgreSQL stores, so normalizing loses nothing.
    private protected override DateTimeOffset Convert(DateTimeOffset value) => value.ToUniversalTime();
}

internal sealed class TimestampTzArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, DateTimeOffset[]>(dbType, description)
    where TCollection : IEnumerable<DateTimeOffset>
{
    private protected override DateTimeOffset[] Convert(TCollection value) => value.Select(item => item.ToUniversalTime()).ToArray();
}

internal sealed class UtcDateTimeBinder(NpgsqlDbType? dbType, string description) : ColumnBinder<DateTime, DateTime>(dbType, description)
{
    private protected override DateTime Convert(DateTime value) => UtcDateTimes.Ensure(value, Description);
}

internal sealed class UtcDateTimeArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<DateTime>
{
    private protected override TCollection Convert(TCollection value)
    {
        foreach (var item in value)
            UtcDateTimes.Ensure(item, Description);
        return value;
    }
}

internal sealed class EnumBinder<TEnum>(NpgsqlDbType? dbType, string description) : ColumnBinder<TEnum, string>(dbType, description)
    where TEnum : struct, Enum
{
    private protected override string Convert(TEnum value) => EnumNames<TEnum>.Of(value);
}

internal sealed class EnumArrayBinder<TCollection, TEnum>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, string[]>(dbType, description)
    where TCollection : IEnumerable<TEnum>
    where TEnum : struct, Enum
{
    private protected override string[] Convert(TCollection value) => value.Select(EnumNames<TEnum>.Of).ToArray();
}

/// <summary>jsonb through System.Text.Json with <see cref="AksaraJson.Options"/>, sent as text typed <c>jsonb</c>.</summary>
internal sealed class JsonBinder<T>(NpgsqlDbType? dbType, string description) : ColumnBinder<T, string>(dbType, description)
{
    private protected override string Convert(T value)
    {
        if (value is JsonElement { ValueKind: JsonValueKind.Undefined })
            throw new ArgumentException($"{Description}: the JsonElement is default(JsonElement), which holds no JSON. Assign a parsed element, or make the property JsonElement? to store NULL.");
        var json = JsonSerializer.Serialize(value, AksaraJson.Options);
        if (TextValues.ContainsEscapedNul(json))
            throw new ArgumentException($"{Description}: the JSON contains a string with the NUL character (U+0000), which PostgreSQL jsonb cannot store. Remove it before saving.");
        return json;
    }
}
