using Npgsql;

namespace Aksara;

/// <summary>
/// PostgreSQL refused a value for its size, range or form: too long for its column (<c>22001</c>), out of range
/// (<c>22003</c>), not a valid number, uuid or date (<c>22P02</c>, <c>22007</c>, <c>22008</c>), or too large for an
/// index row (<c>54000</c>). In a web app it is 422: the request is well formed, the value is not storable.
/// </summary>
public sealed class ValueRejectedException : AksaraException
{
    internal ValueRejectedException(PostgresException inner)
        : base($"PostgreSQL refused a value ({inner.SqlState}: {inner.MessageText}){(inner.ColumnName is { } column ? $" for column {column}" : "")}. Check the value's length, range and format against the column.", inner)
    {
        SqlState = inner.SqlState;
        ColumnName = inner.ColumnName;
        TableName = inner.TableName;
    }

    /// <summary>The SQLSTATE PostgreSQL answered.</summary>
    public string SqlState { get; }

    /// <summary>The column, when PostgreSQL names it.</summary>
    public string? ColumnName { get; }

    /// <summary>The table, when PostgreSQL names it.</summary>
    public string? TableName { get; }

    internal static bool Covers(string sqlState) => sqlState is
        PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.NumericValueOutOfRange or
        PostgresErrorCodes.InvalidTextRepresentation or PostgresErrorCodes.InvalidDatetimeFormat or
        PostgresErrorCodes.DatetimeFieldOverflow or PostgresErrorCodes.ProgramLimitExceeded;
}
