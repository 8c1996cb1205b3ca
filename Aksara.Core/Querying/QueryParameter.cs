using Aksara.Values.Converters;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Querying;

/// <summary>
/// A value sent as a parameter of a typed query, already converted to what PostgreSQL stores (an enum's name, a UTC
/// timestamp, an escaped LIKE pattern), with its exact type. Kept instead of an <see cref="NpgsqlParameter"/> because a
/// parameter belongs to one command, and a query can run many times.
/// </summary>
internal readonly record struct QueryParameter(object? Value, NpgsqlDbType? DbType)
{
    internal NpgsqlParameter Create() => ValueConverter.CreateParameter(Value, DbType);
}
