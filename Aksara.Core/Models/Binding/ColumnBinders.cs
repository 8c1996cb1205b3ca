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
    private protected override string Convert(string value) => NulFreeText.Ensure(value, Description);
}

internal sealed class TextArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<string?>
{
    private protected override TCollection Convert(TCollection value) => NulFreeText.EnsureAll(value, Description);
}

internal sealed class TimestampTzBinder(NpgsqlDbType? dbType, string description) : ColumnBinder<DateTimeOffset, DateTimeOffset>(dbType, description)
{
    private protected override DateTimeOffset Convert(DateTimeOffset value) => UtcInstants.ToStored(value);
}

internal sealed class TimestampTzArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, DateTimeOffset[]>(dbType, description)
    where TCollection : IEnumerable<DateTimeOffset>
{
    private protected override DateTimeOffset[] Convert(TCollection value) => UtcInstants.ToStoredAll(value);
}

internal sealed class UtcDateTimeBinder(NpgsqlDbType? dbType, string description) : ColumnBinder<DateTime, DateTime>(dbType, description)
{
    private protected override DateTime Convert(DateTime value) => UtcDateTimes.Ensure(value, Description);
}

internal sealed class UtcDateTimeArrayBinder<TCollection>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<DateTime>
{
    private protected override TCollection Convert(TCollection value) => UtcDateTimes.EnsureAll(value, Description);
}

internal sealed class EnumBinder<TEnum>(NpgsqlDbType? dbType, string description) : ColumnBinder<TEnum, string>(dbType, description)
    where TEnum : struct, Enum
{
    private protected override string Convert(TEnum value) => EnumText<TEnum>.Of(value);
}

internal sealed class EnumArrayBinder<TCollection, TEnum>(NpgsqlDbType? dbType, string description) : ColumnBinder<TCollection, string[]>(dbType, description)
    where TCollection : IEnumerable<TEnum>
    where TEnum : struct, Enum
{
    private protected override string[] Convert(TCollection value) => EnumText<TEnum>.All(value);
}

/// <summary>jsonb through System.Text.Json with <see cref="AksaraJson.Options"/>, sent as text typed <c>jsonb</c>.</summary>
internal sealed class JsonBinder<T>(NpgsqlDbType? dbType, string description) : ColumnBinder<T, string>(dbType, description)
{
    private protected override string Convert(T value) => JsonbText.Serialize(value, Description);
}
