using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>timestamptz[]</c> as <c>DateTime[]</c> or <c>List&lt;DateTime&gt;</c>, every element by <see cref="UtcDateTimes"/>.</summary>
internal sealed class UtcDateTimeArrayConverter<TCollection>(NpgsqlDbType? dbType, string description) : ValueConverter<TCollection, TCollection>(dbType, description)
    where TCollection : IEnumerable<DateTime>
{
    private protected override TCollection ToDb(TCollection value) => UtcDateTimes.EnsureAll(value, Description);

    private protected override TCollection ReadValue(object value) => CollectionOf<TCollection, DateTime>.From(UntypedReads.ToArray<DateTime>(value));
}
