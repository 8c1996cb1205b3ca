using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>text[]</c> of enum names ↔ <c>TEnum[]</c> or <c>List&lt;TEnum&gt;</c>, by <see cref="EnumText"/>.</summary>
internal sealed class EnumArrayConverter<TCollection, TEnum>(NpgsqlDbType? dbType, string description) : ValueConverter<TCollection, string[]>(dbType, description)
    where TCollection : IEnumerable<TEnum>
    where TEnum : struct, Enum
{
    private protected override string[] ToDb(TCollection value) => EnumText<TEnum>.All(value);

    private protected override TCollection ReadValue(object value) => CollectionOf<TCollection, TEnum>.From(EnumText.Parse<TEnum>(value));
}
