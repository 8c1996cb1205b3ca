using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><c>timestamptz</c> ↔ <see cref="DateTimeOffset"/>, by <see cref="UtcInstants"/>.</summary>
internal sealed class TimestampTzConverter(NpgsqlDbType? dbType, string description) : ValueConverter<DateTimeOffset, DateTimeOffset>(dbType, description)
{
    private protected override DateTimeOffset ToDb(DateTimeOffset value) => UtcInstants.ToStored(value);

    private protected override DateTimeOffset ReadValue(object value) => UntypedReads.To<DateTimeOffset>(value);
}
