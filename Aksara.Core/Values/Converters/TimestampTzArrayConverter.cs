using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>timestamptz[]</c> ↔ <c>DateTimeOffset[]</c> or <c>List&lt;DateTimeOffset&gt;</c>, by <see cref="UtcInstants"/>.</summary>
internal sealed class TimestampTzArrayConverter<TCollection>(NpgsqlDbType? dbType, string description) : ValueConverter<TCollection, DateTimeOffset[]>(dbType, description)
    where TCollection : IEnumerable<DateTimeOffset>
{
    private protected override DateTimeOffset[] ToDb(TCollection value) => UtcInstants.ToStoredAll(value);

    private protected override TCollection ReadValue(object value) => CollectionOf<TCollection, DateTimeOffset>.From(UntypedReads.ToArray<DateTimeOffset>(value));
}
