using Npgsql;

namespace Aksara;

/// <summary>Creates the Npgsql parameter for one CLR value, with the PostgreSQL type Aksara maps it to.</summary>
internal static class ParameterValues
{
    internal static NpgsqlParameter Create(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value },
        Enum e => new NpgsqlParameter<string> { TypedValue = e.ToString() },
        _ => new NpgsqlParameter { Value = value },
    };
}
