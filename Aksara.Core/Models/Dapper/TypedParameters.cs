using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// Sets the exact PostgreSQL type of a parameter a type handler fills, because Npgsql would otherwise guess (text for
/// JSON, integer for enums). Dapper hands handlers an <see cref="IDbDataParameter"/>; only Npgsql's carries the type.
/// </summary>
internal static class TypedParameters
{
    internal static void Set(IDbDataParameter parameter, NpgsqlDbType type)
    {
        if (parameter is NpgsqlParameter npgsql)
            npgsql.NpgsqlDbType = type;
    }
}
