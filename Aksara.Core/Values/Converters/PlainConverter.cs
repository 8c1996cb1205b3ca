using NpgsqlTypes;

namespace Aksara.Values.Converters;

/// <summary>Values Npgsql writes natively for the column's type (uuid, integers, numeric, date, bytea, …), and explicit <c>[Column(Type)]</c> ones it passes through.</summary>
internal sealed class PlainConverter<T>(NpgsqlDbType? dbType, string description) : ValueConverter<T, T>(dbType, description)
{
    private protected override T ToDb(T value) => value;

    private protected override T ReadValue(object value) => UntypedReads.To<T>(value);
}
