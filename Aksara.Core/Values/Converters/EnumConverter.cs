using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>An enum as the text of its name, by <see cref="EnumText"/>.</summary>
internal sealed class EnumConverter<TEnum>(NpgsqlDbType? dbType, string description) : ValueConverter<TEnum, string>(dbType, description)
    where TEnum : struct, Enum
{
    private protected override string ToDb(TEnum value) => EnumText<TEnum>.Of(value);

    private protected override TEnum ReadValue(object value) => value switch
    {
        string text => EnumText.TryParseName<TEnum>(text, out var member) ? member : throw EnumText.UnknownName(typeof(TEnum), text, column: null),
        // A number read from an integer column, as Dapper reads enum properties.
        _ => (TEnum)Enum.ToObject(typeof(TEnum), value),
    };
}
