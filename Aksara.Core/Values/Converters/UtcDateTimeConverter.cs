using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary><see cref="DateTime"/> as <c>timestamptz</c>, by <see cref="UtcDateTimes"/>: only UTC values are sent.</summary>
internal sealed class UtcDateTimeConverter(NpgsqlDbType? dbType, string description) : ValueConverter<DateTime, DateTime>(dbType, description)
{
    private protected override DateTime ToDb(DateTime value) => UtcDateTimes.Ensure(value, Description);

    private protected override DateTime ReadValue(object value) => UntypedReads.To<DateTime>(value);
}
